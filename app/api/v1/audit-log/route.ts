import { auditLogQuerySchema, listAuditLog } from "@/lib/audit/list-audit-log";
import { ApiError } from "@/lib/http/errors";
import { apiRoute, json, methodNotAllowed } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";

export const GET = apiRoute(async ({ request, principal }) => {
  // The log spans the whole tenant: a key restricted to some apps may not read it.
  if (principal.appIds.length > 0) {
    throw new ApiError("forbidden", "The audit log needs a key that is not restricted to some apps.");
  }
  return json(await listAuditLog(principal.tenantId, readQuery(request, auditLogQuerySchema)));
});

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
