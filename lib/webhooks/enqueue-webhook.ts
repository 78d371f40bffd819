import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { verificationView } from "@/lib/otp/verification-view";
import { isWebhookEvent } from "./event-types";

/**
 * The outbox half of webhooks: called by recordEvent() inside the transaction that records an
 * event, it writes the WebhookDelivery row that the dispatcher (dispatch-webhooks.ts) delivers
 * after commit. Same transaction, so an event is owed to the webhook exactly when it happened.
 *
 * The payload is fixed now, with the verification as this transaction sees it (so record an event
 * after the change it describes); retries resend these same bytes under the same webhook-id, the
 * event id.
 */
export async function enqueueWebhook(
  tx: Prisma.TransactionClient,
  event: { id: string; tenantId: string; appId: string | null; verificationId: string | null; type: string; at: Date },
): Promise<void> {
  if (!isWebhookEvent(event.type) || !event.appId || !event.verificationId) return;
  const app = await tx.app.findUnique({ where: { id: event.appId }, select: { webhookUrl: true } });
  if (!app?.webhookUrl) return;
  const verification = await tx.verification.findUnique({ where: { id: event.verificationId } });
  if (!verification) return;
  const payload = {
    type: event.type,
    timestamp: event.at.toISOString(),
    data: { verification: verificationView(verification, event.at) },
  };
  await tx.webhookDelivery.create({
    data: {
      id: newId("whd"),
      tenantId: event.tenantId,
      appId: event.appId,
      webhookId: event.id,
      eventType: event.type,
      url: app.webhookUrl,
      payload: JSON.stringify(payload),
      nextAttemptAt: event.at,
    },
  });
}
