import type { App, Prisma, Template, Verification } from "@/lib/generated/prisma/client";
import { deliverInTransaction } from "./deliver-in-transaction";
import { sealCode } from "./code-vault";
import { enqueueAttempt } from "./delivery-jobs";
import type { DeliveryPlan } from "./plan-delivery";
import { testBehaviour } from "./test-numbers";

/**
 * Hands a send's code to delivery, inside the send's transaction, so the verification and its
 * delivery exist together or not at all.
 *
 * - Test mode (the outbox) delivers right here: the message is in the outbox when the send commits,
 *   and `delivery.status` says `delivered` truthfully. Magic test numbers go through the queue like
 *   a live message, so their failures, retries and fallbacks happen as they would live.
 * - Otherwise the code is sealed on the verification and a `delivery.attempt` job is enqueued; the
 *   worker sends it after commit.
 */
export async function startDelivery(
  tx: Prisma.TransactionClient,
  input: { app: App; verification: Verification; code: string; template: Template | null; plan: DeliveryPlan },
): Promise<Verification> {
  const { app, verification, code, plan } = input;
  const ref = { verificationId: verification.id, sendNumber: verification.sendCount, step: 0, try: 0 };
  const inline = plan.provider === "outbox" && !testBehaviour(verification.recipient);
  const planned = await tx.verification.update({
    where: { id: verification.id },
    data: {
      deliveryPlan: plan.channels,
      deliveryStep: 0,
      deliveryStatus: "queued",
      deliveryChannel: plan.channel,
      deliveryProvider: plan.provider,
      deliveryUpdatedAt: new Date(),
      codeEncrypted: inline ? null : sealCode(verification.id, code),
    },
  });
  if (inline) {
    await deliverInTransaction(tx, { app, verification: planned, code, ref, channel: plan.channel, template: input.template });
  } else {
    await enqueueAttempt(tx, ref);
  }
  return tx.verification.findUniqueOrThrow({ where: { id: verification.id } });
}
