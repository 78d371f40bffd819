import type { App, Prisma, Template, Verification } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { recordEvent } from "@/lib/otp/events";
import { composeMessage } from "./compose-message";
import { writeOutboxMessage } from "./outbox";
import type { DeliveryPlan } from "./plan-delivery";

/**
 * Hands a code to its channel inside the send's transaction. The outbox is a database write, so it
 * "delivers" at once and truthfully: the message is in the outbox when the send commits.
 */
export async function deliverNow(
  tx: Prisma.TransactionClient,
  input: { app: App; verification: Verification; code: string; template: Template | null; delivery: DeliveryPlan; resend: boolean },
): Promise<Verification> {
  const { app, verification, code, delivery } = input;
  const message = await composeMessage(tx, { app, verification, code, template: input.template });
  const messageId = await writeOutboxMessage(tx, {
    tenantId: verification.tenantId,
    appId: app.id,
    verificationId: verification.id,
    to: verification.recipient,
    channel: delivery.channel,
    body: message.body,
  });
  const now = new Date();
  await tx.deliveryAttempt.create({
    data: {
      id: newId("dla"),
      tenantId: verification.tenantId,
      verificationId: verification.id,
      channel: delivery.channel,
      provider: delivery.provider,
      status: "delivered",
      providerMessageId: messageId,
    },
  });
  const base = { tenantId: verification.tenantId, appId: app.id, verificationId: verification.id };
  const data = { channel: delivery.channel, provider: delivery.provider, locale: message.locale, resend: input.resend };
  await recordEvent(tx, { ...base, type: "message.sent", data });
  await recordEvent(tx, { ...base, type: "message.delivered", data });
  return tx.verification.update({
    where: { id: verification.id },
    data: { deliveryStatus: "delivered", deliveryChannel: delivery.channel, deliveryProvider: delivery.provider, deliveryUpdatedAt: now },
  });
}
