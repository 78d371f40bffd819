import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { EVENT_TYPES } from "@/lib/events/event-types";
import { findVerification } from "@/lib/otp/find-verification";
import { readableAppIds } from "./app-scope";
import { afterCursor, cursorSchema, pageOf } from "./cursor";
import { createdBetween, fromNotAfterTo, limitSchema, timeSchema } from "./query-fields";

/** The event types a log can be filtered by: every type the engine records. */
export { EVENT_TYPES };

/** `GET /api/v1/otp/logs` query. */
export const logsQuerySchema = z
  .object({
    appId: z.string().max(64).optional(),
    type: z.enum(EVENT_TYPES).optional(),
    verificationId: z.string().max(64).optional(),
    from: timeSchema.optional().describe("at or after (ISO 8601)"),
    to: timeSchema.optional().describe("before (ISO 8601)"),
    limit: limitSchema,
    cursor: cursorSchema("evt").optional(),
  })
  .superRefine(fromNotAfterTo);

export type LogsQuery = z.infer<typeof logsQuerySchema>;

export type EventView = {
  id: string;
  type: string;
  at: string;
  verificationId: string | null;
  data: unknown;
};

/** The tenant's event log, newest first, one keyset page at a time. */
export async function listEvents(
  principal: ApiKeyPrincipal,
  query: LogsQuery,
): Promise<{ data: EventView[]; nextCursor: string | null }> {
  const appIds = await readableAppIds(principal, query.appId);
  // Another tenant's verification id answers 404, like every read by id.
  if (query.verificationId !== undefined) await findVerification(principal, query.verificationId);
  const where: Prisma.EventWhereInput = {
    AND: [
      { tenantId: principal.tenantId },
      // Own mode's events only; events of neither mode (none yet) are the tenant's, shown to both.
      { OR: [{ mode: principal.mode }, { mode: null, verificationId: null }] },
      appIds ? { appId: { in: appIds } } : {},
      query.type ? { type: query.type } : {},
      query.verificationId ? { verificationId: query.verificationId } : {},
      createdBetween(query),
      afterCursor(query.cursor),
    ],
  };
  const prisma = await db();
  const rows = await prisma.event.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = pageOf(rows, query.limit);
  return {
    data: page.rows.map((e) => ({
      id: e.id,
      type: e.type,
      at: e.createdAt.toISOString(),
      verificationId: e.verificationId,
      data: e.data,
    })),
    nextCursor: page.nextCursor,
  };
}
