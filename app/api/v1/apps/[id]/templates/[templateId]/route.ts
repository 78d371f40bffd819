import { keyActor } from "@/lib/audit/actor";
import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { deleteTemplate } from "@/lib/templates/delete-template";
import { updateTemplateSchema } from "@/lib/templates/template-schemas";
import { updateTemplate } from "@/lib/templates/update-template";

type Params = { id: string; templateId: string };

export const PATCH = apiRoute<Params>(async ({ request, params, principal, ip }) => {
  const input = await readJsonBody(request, updateTemplateSchema);
  const template = await updateTemplate(
    principal,
    params.id,
    params.templateId,
    input,
    keyActor(principal, ip),
  );
  return json(template);
});

export const DELETE = apiRoute<Params>(async ({ params, principal, ip }) => {
  await deleteTemplate(principal, params.id, params.templateId, keyActor(principal, ip));
  return new Response(null, { status: 204 });
});

export const GET = methodNotAllowed(["PATCH", "DELETE"]);
export const POST = GET;
export const PUT = GET;
export const OPTIONS = options(["PATCH", "DELETE"]);
