import { keyActor } from "@/lib/audit/actor";
import { getApp } from "@/lib/apps/get-app";
import { assertSettingsAllowedForKey } from "@/lib/apps/live-only-settings";
import { appSettingsSchema } from "@/lib/apps/settings";
import { updateApp } from "@/lib/apps/update-app";
import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { requireApp } from "@/lib/keys/require-app";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const app = await requireApp(principal, params.id);
  return json(await getApp(principal.tenantId, app.id));
});

export const PATCH = apiRoute<{ id: string }>(async ({ request, params, principal, ip }) => {
  const input = await readJsonBody(request, appSettingsSchema);
  const app = await requireApp(principal, params.id);
  assertSettingsAllowedForKey(principal, input);
  return json(await updateApp(principal.tenantId, app.id, input, keyActor(principal, ip)));
});

export const POST = methodNotAllowed(["GET", "PATCH"]);
export const PUT = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET", "PATCH"]);
