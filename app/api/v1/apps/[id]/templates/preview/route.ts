import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { previewTemplate } from "@/lib/templates/preview-template";
import { previewTemplateSchema } from "@/lib/templates/template-schemas";

export const POST = apiRoute<{ id: string }>(async ({ request, params, principal }) => {
  const input = await readJsonBody(request, previewTemplateSchema);
  return json(await previewTemplate(principal, params.id, input));
});

export const GET = methodNotAllowed(["POST"]);
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
export const OPTIONS = options(["POST"]);
