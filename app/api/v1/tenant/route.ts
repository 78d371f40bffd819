import { apiRoute, json, methodNotAllowed } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/body";
import { getTenantSettings, tenantSettingsSchema, updateTenantSettings } from "@/lib/tenants/tenant-settings";

export const GET = apiRoute(async ({ principal }) => json(await getTenantSettings(principal)));

export const PATCH = apiRoute(async ({ request, principal }) => {
  const input = await readJsonBody(request, tenantSettingsSchema);
  return json(await updateTenantSettings(principal, input));
});

export const POST = methodNotAllowed(["GET", "PATCH"]);
export const PUT = POST;
export const DELETE = POST;
