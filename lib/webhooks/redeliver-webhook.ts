import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { requireApp } from "@/lib/keys/require-app";
import { webhookDeliveryView } from "./list-webhook-deliveries";
import { enqueueWebhookAttempt } from "./webhook-job";

/**
 * Sends a settled delivery (delivered, failed or canceled) again: it goes back to `pending`, due
 * now, with the same `webhook-id` and body, to the app's current URL. Its attempt count is kept,
 * so a delivery that had used up its retries gets one more try, not a new day of them. A pending
 * delivery is refused: a try of it may be running right now, and it will be tried anyway. The
 * audit-log entry commits with the change.
 */
export async function redeliverWebhook(
  principal: ApiKeyPrincipal,
  appId: string,
  deliveryId: string,
  actor: AuditActor,
  now = new Date(),
) {
  if (!isId("whd", deliveryId)) throw notFound("webhook delivery");
  const app = await requireApp(principal, appId);
  const prisma = await db();
  const delivery = await prisma.webhookDelivery.findFirst({ where: { id: deliveryId, appId: app.id, tenantId: principal.tenantId } });
  if (!delivery) throw notFound("webhook delivery");
  if (!app.webhookUrl) throw new ApiError("conflict", "The app has no webhook URL: set one in the app's settings first.");
  if (delivery.status === "pending") throw new ApiError("conflict", "This delivery is still being retried; wait for it to settle.");
  // Conditional on the status read: two redeliver clicks queue it once.
  const count = await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: delivery.status },
      data: { status: "pending", nextAttemptAt: now, deliveredAt: null },
    });
    if (count === 1) {
      await enqueueWebhookAttempt(tx, { deliveryId: delivery.id, attempts: delivery.attempts });
      await recordAudit(
        actor,
        { action: "webhook.redelivered", targetType: "webhook", targetId: delivery.id, data: { appId: app.id, eventType: delivery.eventType } },
        tx,
      );
    }
    return count;
  });
  if (count === 0) throw new ApiError("conflict", "This delivery changed meanwhile; reload and try again.");
  return webhookDeliveryView(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } }));
}
