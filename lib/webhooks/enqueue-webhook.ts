import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { verificationView } from "@/lib/events/verification-view";
import { isWebhookEvent } from "./event-types";
import { enqueueWebhookAttempt } from "./webhook-job";

/**
 * Called by recordEvent() inside the transaction that records an event: it writes the
 * WebhookDelivery row (the record tenants see) and queues its first try as a job
 * (attempt-webhook.ts). Same transaction, so an event is owed to the webhook exactly when it
 * happened, and a rolled-back change sends nothing.
 *
 * The payload is fixed now, with the verification as this transaction sees it (so record an event
 * after the change it describes); retries resend these same bytes under the same webhook-id, the
 * event id.
 */
export async function enqueueWebhook(
  tx: Prisma.TransactionClient,
  event: { id: string; tenantId: string; appId: string | null; verificationId: string | null; type: string; at: Date },
  app?: { id: string; webhookUrl: string | null },
): Promise<void> {
  if (!isWebhookEvent(event.type) || !event.appId || !event.verificationId) return;
  const webhookUrl = await webhookUrlOf(tx, event.appId, app);
  if (!webhookUrl) return;
  const verification = await tx.verification.findUnique({ where: { id: event.verificationId } });
  if (!verification) return;
  const payload = {
    type: event.type,
    timestamp: event.at.toISOString(),
    data: { verification: verificationView(verification, event.at) },
  };
  const deliveryId = newId("whd");
  await tx.webhookDelivery.create({
    data: {
      id: deliveryId,
      tenantId: event.tenantId,
      appId: event.appId,
      mode: verification.mode,
      webhookId: event.id,
      eventType: event.type,
      url: webhookUrl,
      payload: JSON.stringify(payload),
      nextAttemptAt: event.at,
    },
  });
  await enqueueWebhookAttempt(tx, { deliveryId, attempts: 0 });
}

/**
 * Webhook URLs already known in a transaction, by app id: a send records several events of one app.
 * Nothing that changes an app's webhook URL records events, so a transaction's copy stays right.
 */
const webhookUrlsByTransaction = new WeakMap<Prisma.TransactionClient, Map<string, string | null>>();

/** The app's webhook URL: the caller's copy of the app when given, else read once per transaction. */
async function webhookUrlOf(
  tx: Prisma.TransactionClient,
  appId: string,
  known: { id: string; webhookUrl: string | null } | undefined,
): Promise<string | null> {
  let urls = webhookUrlsByTransaction.get(tx);
  if (!urls) webhookUrlsByTransaction.set(tx, (urls = new Map()));
  if (known?.id === appId) urls.set(appId, known.webhookUrl);
  else if (!urls.has(appId)) {
    const app = await tx.app.findUnique({ where: { id: appId }, select: { webhookUrl: true } });
    urls.set(appId, app?.webhookUrl ?? null);
  }
  return urls.get(appId) ?? null;
}
