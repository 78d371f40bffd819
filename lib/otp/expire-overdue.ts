import { db } from "@/lib/db/client";
import { recordEvents } from "@/lib/events/record-event";

/**
 * Gives pending verifications past their expiry their `expired` state and `verification.expired`
 * event (with its webhook), up to `limit` of them, oldest first. Verify, resend and cancel settle the
 * one they touch; this is for the verifications nobody touches again, so tenants still hear of them.
 * SKIP LOCKED leaves a verification a request holds right now to that request; the `status` guard
 * makes each expiry recorded once, whoever gets there first. Returns how many it expired.
 */
export async function expireOverdueVerifications(limit: number): Promise<number> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ id: string; tenantId: string; appId: string }[]>`
      UPDATE "Verification" v
         SET "status" = 'expired', "endedAt" = v."expiresAt", "codeEncrypted" = NULL, "updatedAt" = now()
       WHERE v."id" IN (SELECT "id" FROM "Verification"
                         WHERE "status" = 'pending' AND "expiresAt" <= now()
                         ORDER BY "expiresAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
         AND v."status" = 'pending'
   RETURNING v."id", v."tenantId", v."appId"`;
    await recordEvents(
      tx,
      expired.map((v) => ({
        tenantId: v.tenantId,
        appId: v.appId,
        verificationId: v.id,
        type: "verification.expired" as const,
      })),
    );
    return expired.length;
  });
}
