import { db } from "@/lib/db/client";
import type { WebhookDelivery } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import { assertKeyAllowsApp, type ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
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
  if (!isId("app", appId)) throw notFound("app");
  const prisma = await db();
  const app = await prisma.app.findFirst({ where: { id: appId, tenantId: principal.tenantId }, select: { id: true } });
  if (!app) throw notFound("app");
  assertKeyAllowsApp(principal, app.id);
  const rows = await prisma.webhookDelivery.findMany({
    where: { tenantId: principal.tenantId, appId, ...(query.status ? { status: query.status } : {}), ...(query.cursor ? { id: { lt: query.cursor } } : {}) },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { data: page.map(webhookDeliveryView), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}
