import { db } from "@/lib/db/client";
import { recordEvent } from "@/lib/events/record-event";
import type { StepRef } from "./delivery-jobs";
import { failStep } from "./fall-back";

/**
 * The `delivery.receipt-timeout` job: a message was sent on a channel that has a fallback, and no
 * delivery receipt came within OTPILOT_DELIVERY_RECEIPT_TIMEOUT. The next channel gets the same code.
 * Nothing happens if the message was delivered, failed, or replaced meanwhile.
 */
export async function handleReceiptTimeout(ref: StepRef): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const verification = await tx.verification.findUnique({ where: { id: ref.verificationId } });
    if (!verification || verification.sendCount !== ref.sendNumber || verification.deliveryStep !== ref.step) return;
    if (verification.status !== "pending" || verification.deliveryStatus !== "sent") return;
    const attempt = await tx.deliveryAttempt.findFirst({
      where: { verificationId: ref.verificationId, sendNumber: ref.sendNumber, step: ref.step },
      orderBy: { try: "desc" },
    });
    const { fallbackChannel } = await failStep(tx, verification, ref.step);
    await recordEvent(tx, {
      tenantId: verification.tenantId,
      appId: verification.appId,
      verificationId: verification.id,
      type: "message.failed",
      data: { channel: attempt?.channel ?? verification.deliveryChannel, provider: attempt?.provider ?? verification.deliveryProvider, attemptId: attempt?.id ?? null, errorCode: "no_receipt", ...(fallbackChannel ? { fallbackChannel } : {}) },
    });
  });
}
