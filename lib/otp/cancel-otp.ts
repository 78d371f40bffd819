import type { Verification } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { EVENT_COLUMNS, eventData } from "@/lib/events/event-sql";
import { verificationView, type VerificationView } from "@/lib/events/verification-view";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";
import { assertOpen } from "./assert-open";
import { findVerification, settleExpiry } from "./find-verification";

/** Cancels a pending verification: its code stops working. Canceling twice answers the same. */
export async function cancelOtp(principal: ApiKeyPrincipal, id: string): Promise<VerificationView> {
  const verification = await settleExpiry(await findVerification(principal, id));
  if (verification.status === "canceled") return verificationView(verification);
  assertOpen(verification);
  const prisma = await db();
  const now = new Date();
  const eventId = newId("evt");
  const canceled = await prisma.$transaction(async (tx) => {
    // The conditional update and its event in one statement; the event only when it canceled.
    const rows = await tx.$queryRaw<{ endedAt: Date }[]>`
      WITH canceled AS (
        UPDATE "Verification" SET "status" = 'canceled', "endedAt" = ${now}::timestamp, "codeEncrypted" = NULL, "updatedAt" = ${now}::timestamp
         WHERE "id" = ${id} AND "status" = 'pending'
     RETURNING "id", "endedAt"
      ), canceled_event AS (
        INSERT INTO "Event" ${EVENT_COLUMNS}
        SELECT ${eventId}, ${verification.tenantId}, ${verification.appId}, c."id", ${verification.mode}::"KeyMode", 'verification.canceled',
               ${JSON.stringify(eventData({ reason: "api" }, verification.source))}::jsonb, ${now}::timestamp
          FROM canceled c
      )
      SELECT "endedAt" FROM canceled`;
    if (rows.length === 0) return null;
    const event = { id: eventId, tenantId: verification.tenantId, appId: verification.appId, verificationId: id, type: "verification.canceled", at: now };
    await enqueueWebhook(tx, event);
    return rows[0]!;
  });
  if (canceled) {
    const result: Verification = { ...verification, status: "canceled", endedAt: canceled.endedAt, codeEncrypted: null, updatedAt: now };
    return verificationView(result);
  }
  // It left `pending` meanwhile (approved, failed, expired or canceled by someone else): say which.
  const current = await settleExpiry(await findVerification(principal, id));
  if (current.status !== "canceled") assertOpen(current);
  return verificationView(current);
}
