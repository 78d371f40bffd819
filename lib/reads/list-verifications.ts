import { z } from "zod";
import { channelSchema } from "@/lib/apps/settings";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { resolveRecipient } from "@/lib/otp/resolve-target";
import { verificationView, type VerificationView } from "@/lib/events/verification-view";
import { readableAppIds, scopedTo } from "./app-scope";
import { afterCursor, cursorSchema, pageOf } from "./cursor";
import {
  createdBetween,
  fromNotAfterTo,
  limitSchema,
  recipientQuerySchema,
  timeSchema,
} from "./query-fields";

export const verificationStatusSchema = z.enum(["pending", "approved", "expired", "canceled", "failed"]);

/** `GET /api/v1/otp/list` query. */
export const listQuerySchema = z
  .object({
    appId: z.string().max(64).optional(),
    status: verificationStatusSchema.optional(),
    channel: channelSchema.optional(),
    recipient: recipientQuerySchema.optional(),
    externalId: z.string().min(1).max(128).optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "an ISO 3166 alpha-2 code such as BR")
      .transform((c) => c.toUpperCase())
      .optional()
      .describe("the recipient's country, ISO 3166 alpha-2"),
    from: timeSchema.optional().describe("created at or after (ISO 8601)"),
    to: timeSchema.optional().describe("created before (ISO 8601)"),
    limit: limitSchema,
    cursor: cursorSchema("ver").optional(),
  })
  .superRefine(fromNotAfterTo);

export type ListQuery = z.infer<typeof listQuerySchema>;

/** The tenant's verifications, newest first, filtered (filters combine), one keyset page at a time. */
export async function listVerifications(
  principal: ApiKeyPrincipal,
  query: ListQuery,
  now = new Date(),
): Promise<{ data: VerificationView[]; nextCursor: string | null }> {
  const appIds = await readableAppIds(principal, query.appId);
  const where: Prisma.VerificationWhereInput = {
    AND: [
      scopedTo(principal, appIds),
      // Test and live are walled off (CONTRACT §4b): a caller sees its own mode's verifications.
      { mode: principal.mode },
      createdBetween(query),
      afterCursor(query.cursor),
      query.status ? statusWhere(query.status, now) : {},
      query.channel ? { channel: query.channel } : {},
      query.recipient ? { recipient: resolveRecipient({ recipient: query.recipient }).e164 } : {},
      query.externalId ? { externalId: query.externalId } : {},
      query.country ? { country: query.country } : {},
    ],
  };
  const prisma = await db();
  const rows = await prisma.verification.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const page = pageOf(rows, query.limit);
  return { data: page.rows.map((row) => verificationView(row, now)), nextCursor: page.nextCursor };
}

// A pending verification past its expiry reads as `expired` (verificationView) before anything has
// written that state, so the filter must agree with what the rows will show.
function statusWhere(
  status: z.infer<typeof verificationStatusSchema>,
  now: Date,
): Prisma.VerificationWhereInput {
  if (status === "pending") return { status: "pending", expiresAt: { gt: now } };
  if (status === "expired")
    return { OR: [{ status: "expired" }, { status: "pending", expiresAt: { lte: now } }] };
  return { status };
}
