import { db } from "@/lib/db/client";
import type { WebhookDelivery } from "@/lib/generated/prisma/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { requireApp } from "@/lib/keys/require-app";
import type { WebhookDeliveriesQuery } from "./schemas";

export function webhookDeliveryView(d: WebhookDelivery) {
  return {
    id: d.id,
    webhookId: d.webhookId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * `GET /api/v1/apps/{id}/webhook-deliveries`: an app's deliveries, newest first. Ids are
 * time-sortable, so the cursor is the last id of a page.
 */
export async function listWebhookDeliveries(principal: ApiKeyPrincipal, appId: string, query: WebhookDeliveriesQuery) {
  const app = await requireApp(principal, appId);
  const prisma = await db();
  const rows = await prisma.webhookDelivery.findMany({
    // One webhook URL serves both modes; a key lists only its own mode's deliveries (their payloads
    // describe that mode's verifications).
    where: { tenantId: principal.tenantId, appId: app.id, mode: principal.mode, ...(query.status ? { status: query.status } : {}), ...(query.cursor ? { id: { lt: query.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(webhookDeliveryView), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}
