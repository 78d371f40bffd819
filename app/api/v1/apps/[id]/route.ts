import { keyActor } from "@/lib/audit/actor";
import { getApp } from "@/lib/apps/get-app";
import { appSettingsSchema } from "@/lib/apps/settings";
import { updateApp } from "@/lib/apps/update-app";
import { apiRoute, json, methodNotAllowed } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { assertKeyAllowsApp } from "@/lib/keys/authenticate-api-key";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const app = await getApp(principal.tenantId, params.id);
  assertKeyAllowsApp(principal, app.id);
  return json(app);
});

export const PATCH = apiRoute<{ id: string }>(async ({ request, params, principal, ip }) => {
  const input = await readJsonBody(request, appSettingsSchema);
  const app = await getApp(principal.tenantId, params.id);
  assertKeyAllowsApp(principal, app.id);
  return json(await updateApp(principal.tenantId, app.id, input, keyActor(principal, ip)));
});

export const POST = methodNotAllowed(["GET", "PATCH"]);
export const PUT = POST;
export const DELETE = POST;
