import { keyActor } from "@/lib/audit/actor";
import { createApp } from "@/lib/apps/create-app";
import { listApps } from "@/lib/apps/get-app";
import { assertSettingsAllowedForKey } from "@/lib/apps/live-only-settings";
import { createAppSchema } from "@/lib/apps/settings";
import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";

export const GET = apiRoute(async ({ principal }) => {
  const apps = await listApps(principal.tenantId);
  const visible = principal.appIds.length ? apps.filter((app) => principal.appIds.includes(app.id)) : apps;
  return json({ data: visible });
});

export const POST = apiRoute(async ({ request, principal, ip }) => {
  const input = await readJsonBody(request, createAppSchema);
  assertSettingsAllowedForKey(principal, input);
  return json(await createApp(principal.tenantId, input, keyActor(principal, ip)), 201);
});

export const PUT = methodNotAllowed(["GET", "POST"]);
export const PATCH = PUT;
export const DELETE = PUT;
export const OPTIONS = options(["GET", "POST"]);
