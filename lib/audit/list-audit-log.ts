import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { afterCursor, cursorSchema, pageOf } from "@/lib/reads/cursor";
import { createdBetween, fromNotAfterTo, limitSchema, timeSchema } from "@/lib/reads/query-fields";
import { AUDIT_ACTIONS } from "./actions";

/** `GET /api/v1/audit-log` query, also the console's filter. */
export const auditLogQuerySchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS).optional(),
    actorType: z.enum(["user", "key", "operator"]).optional().describe("`user` (console), `key` (API) or `operator` (the CLI)"),
    actorId: z.string().max(64).optional().describe("a user id or key id"),
    targetId: z.string().max(64).optional().describe("e.g. an app id or key id"),
    from: timeSchema.optional().describe("at or after (ISO 8601)"),
    to: timeSchema.optional().describe("before (ISO 8601)"),
    limit: limitSchema,
    cursor: cursorSchema("aud").optional(),
  })
  .superRefine(fromNotAfterTo);

export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export type AuditLogView = {
  id: string;
  at: string;
  action: string;
  actor: { type: string; id: string; label: string };
  target: { type: string; id: string | null };
  ip: string | null;
  data: unknown;
};

/** A tenant's audit log, newest first, one keyset page at a time. */
export async function listAuditLog(
  tenantId: string,
  query: AuditLogQuery,
): Promise<{ data: AuditLogView[]; nextCursor: string | null }> {
  const where: Prisma.AuditLogWhereInput = {
    AND: [
      { tenantId },
      query.action ? { action: query.action } : {},
      query.actorType ? { actorType: query.actorType } : {},
      query.actorId ? { actorId: query.actorId } : {},
      query.targetId ? { targetId: query.targetId } : {},
      createdBetween(query),
      afterCursor(query.cursor),
    ],
  };
  const prisma = await db();
  const rows = await prisma.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = pageOf(rows, query.limit);
  return {
    data: page.rows.map((row) => ({
      id: row.id,
      at: row.createdAt.toISOString(),
      action: row.action,
      actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
      target: { type: row.targetType, id: row.targetId },
      ip: row.ip,
      data: row.data,
    })),
    nextCursor: page.nextCursor,
  };
}
