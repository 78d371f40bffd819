import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordEvents } from "@/lib/events/record-event";

type Expired = { id: string; tenantId: string; appId: string };

/**
 * The one writer of expiry: gives the pending verifications among `candidates` (SQL selecting ids)
 * that are past their expiry at `now` their `expired` state and `verification.expired` event (with
 * its webhook). The `status` guard records each expiry once, whoever gets there first: the sweep,
 * or a verify, resend or cancel settling the verification it touches (expireIfOverdue).
 */
async function expire(tx: Prisma.TransactionClient, candidates: Prisma.Sql, now: Date): Promise<Expired[]> {
  const expired = await tx.$queryRaw<Expired[]>`
    UPDATE "Verification" v
       SET "status" = 'expired', "endedAt" = v."expiresAt", "codeEncrypted" = NULL, "updatedAt" = ${now}
     WHERE v."id" IN (${candidates}) AND v."status" = 'pending' AND v."expiresAt" <= ${now}
 RETURNING v."id", v."tenantId", v."appId"`;
  await recordEvents(
    tx,
    expired.map((v) => ({ tenantId: v.tenantId, appId: v.appId, verificationId: v.id, type: "verification.expired" as const })),
  );
  return expired;
}

/**
 * Expires up to `limit` overdue verifications, oldest first: for the ones nobody touches again, so
 * tenants still hear of them (the sweep, lib/jobs/sweep.ts). SKIP LOCKED leaves a verification a
 * request holds right now to that request. Returns how many it expired.
 */
export async function expireOverdueVerifications(limit: number, now = new Date()): Promise<number> {
  const prisma = await db();
  const oldestOverdue = Prisma.sql`
    SELECT "id" FROM "Verification" WHERE "status" = 'pending' AND "expiresAt" <= ${now}
     ORDER BY "expiresAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  return (await prisma.$transaction((tx) => expire(tx, oldestOverdue, now))).length;
}

/**
 * Expires one verification if it is pending and overdue at `now`, waiting for a request that holds
 * it (unlike the sweep, the caller must answer from its settled state). True when this call did it.
 */
export async function expireIfOverdue(tx: Prisma.TransactionClient, id: string, now: Date): Promise<boolean> {
  return (await expire(tx, Prisma.sql`${id}`, now)).length === 1;
}
