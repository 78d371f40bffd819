import { keyActor } from "@/lib/audit/actor";
import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { createTemplate } from "@/lib/templates/create-template";
import { listTemplates } from "@/lib/templates/list-templates";
import { createTemplateSchema } from "@/lib/templates/template-schemas";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) =>
  json({ data: await listTemplates(principal, params.id) }),
);

export const POST = apiRoute<{ id: string }>(async ({ request, params, principal, ip }) => {
  const input = await readJsonBody(request, createTemplateSchema);
  const template = await createTemplate(principal, params.id, input, keyActor(principal, ip));
  return json(template, 201);
});

export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = PUT;
export const DELETE = PUT;
export const OPTIONS = options(["GET", "POST"]);
