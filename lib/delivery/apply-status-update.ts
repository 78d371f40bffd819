import type { DeliveryAttempt, Prisma, Verification } from "@/lib/generated/prisma/client";
import { env } from "@/lib/config/env";
import { recordEvent } from "@/lib/events/record-event";
import { enqueueReceiptTimeout } from "./delivery-jobs";
import { failStep } from "./fall-back";

export type MessageStatus = "sent" | "delivered" | "failed";

// Statuses only move forward: queued → sent → delivered | failed.
const EARLIER: Record<MessageStatus, string[]> = { sent: ["queued"], delivered: ["queued", "sent"], failed: ["queued", "sent"] };

/**
 * Moves one message (a delivery attempt) forward and lets the verification's delivery follow, with
 * the events: `message.sent`, `message.delivered`, `message.failed`. A status that is not ahead of
 * the attempt's (a repeated callback, a late "sent" after "delivered") changes nothing, so provider
 * callbacks may arrive twice and in any order. Returns whether the attempt changed.
 */
export async function applyStatusUpdate(
  tx: Prisma.TransactionClient,
  attempt: Pick<DeliveryAttempt, "id" | "tenantId" | "verificationId" | "channel" | "provider" | "sendNumber" | "step">,
  status: MessageStatus,
  failure?: { code: string; message: string },
): Promise<boolean> {
  // The row lock and the previous status in one statement: concurrent callbacks apply one at a time.
  const rows = await tx.$queryRaw<{ previous: string }[]>`
    UPDATE "DeliveryAttempt" AS a
       SET "status" = ${status}::"DeliveryStatus",
           "errorCode" = COALESCE(${failure?.code ?? null}, a."errorCode"),
           "errorMessage" = COALESCE(${failure?.message ?? null}, a."errorMessage"),
           "updatedAt" = now()
      FROM (SELECT "id", "status" FROM "DeliveryAttempt" WHERE "id" = ${attempt.id} FOR UPDATE) AS old
     WHERE a."id" = old."id" AND old."status"::text = ANY(${EARLIER[status]}::text[])
 RETURNING old."status"::text AS previous`;
  const previous = rows[0]?.previous;
  if (!previous) return false;

  const verification = await tx.verification.findUnique({ where: { id: attempt.verificationId } });
  // A resend replaced this message: its status is recorded, the verification's delivery is the new one's.
  const current = verification && verification.sendCount === attempt.sendNumber ? verification : null;
  let followUp: { fallbackChannel?: string } = {};
  if (current) followUp = await advanceVerification(tx, current, attempt, status);

  const base = { tenantId: attempt.tenantId, appId: verification?.appId ?? null, verificationId: attempt.verificationId };
  const facts = { channel: attempt.channel, provider: attempt.provider, attemptId: attempt.id };
  if (previous === "queued" && status !== "failed") await recordEvent(tx, { ...base, type: "message.sent", data: facts });
  if (status === "delivered") await recordEvent(tx, { ...base, type: "message.delivered", data: facts });
  if (status === "failed") {
    await recordEvent(tx, { ...base, type: "message.failed", data: { ...facts, errorCode: failure?.code ?? null, ...followUp } });
  }
  return true;
}

async function advanceVerification(
  tx: Prisma.TransactionClient,
  verification: Verification,
  attempt: Pick<DeliveryAttempt, "channel" | "provider" | "sendNumber" | "step">,
  status: MessageStatus,
): Promise<{ fallbackChannel?: string }> {
  const now = new Date();
  if (status === "delivered") {
    // From any channel of this send: a late receipt from the first channel still means the code arrived.
    await tx.verification.updateMany({
      where: { id: verification.id, sendCount: attempt.sendNumber, deliveryStatus: { not: "delivered" } },
      data: { deliveryStatus: "delivered", deliveryChannel: attempt.channel, deliveryProvider: attempt.provider, deliveryUpdatedAt: now, codeEncrypted: null },
    });
    return {};
  }
  // Only the channel being tried now moves the verification on; an earlier channel's news is history.
  if (verification.deliveryStep !== attempt.step) return {};
  if (status === "failed") return failStep(tx, verification, attempt.step);

  const { count } = await tx.verification.updateMany({
    where: { id: verification.id, sendCount: attempt.sendNumber, deliveryStep: attempt.step, deliveryStatus: "queued" },
    data: { deliveryStatus: "sent", deliveryUpdatedAt: now },
  });
  if (count === 0) return {};
  const hasFallback = attempt.step + 1 < verification.deliveryPlan.length;
  if (hasFallback && verification.status === "pending") {
    // Wait for a receipt; without one in time the next channel gets the code.
    await enqueueReceiptTimeout(tx, { verificationId: verification.id, sendNumber: attempt.sendNumber, step: attempt.step }, env().OTPILOT_DELIVERY_RECEIPT_TIMEOUT);
  } else {
    await tx.verification.update({ where: { id: verification.id }, data: { codeEncrypted: null } });
  }
  return {};
}
