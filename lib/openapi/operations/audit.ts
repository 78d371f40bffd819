import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { auditLogQuerySchema } from "@/lib/audit/list-audit-log";
import type { ApiOperation } from "../registry";
import { listOf } from "../schemas";

const auditLogEntryObject = z
  .object({
    id: z.string().meta({ examples: ["aud_01jq3v6j8ffcwt3xz8a7m9k2rd"] }),
    at: z.string().meta({ format: "date-time", description: "ISO 8601, UTC" }),
    action: z.enum(AUDIT_ACTIONS),
    actor: z.object({
      type: z.enum(["user", "key"]),
      id: z.string().describe("the user id or the key id"),
      label: z.string().describe("the person's email, or the key id"),
    }),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    ip: z.string().nullable(),
    data: z.unknown().describe("what changed (setting names, roles, modes); never a secret"),
  })
  .meta({ id: "AuditLogEntry", description: "A change to the tenant's apps, keys, templates, webhooks or members." });

export const auditOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/audit-log",
    operationId: "listAuditLog",
    tag: "Insight",
    summary: "Read the audit log",
    description:
      "Every change to the tenant's apps, keys, templates, webhooks and members, from the console or the API, newest first.",
    query: auditLogQuerySchema,
    response: { status: 200, description: "A page of audit-log entries.", schema: listOf(auditLogEntryObject, true) },
    errors: ["forbidden"],
  },
];
