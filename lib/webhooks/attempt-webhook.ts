import type { App, PrismaClient, WebhookDelivery } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { resolveWebhookTarget } from "./resolve-webhook-target";
import { retryDelayMs } from "./retry-schedule";
import { sendWebhook } from "./send-webhook";
import { webhookHeaders } from "./sign-webhook";
import { ensureWebhookSecret, signingSecrets } from "./webhook-secrets";

type Outcome =
  | { kind: "delivered"; statusCode: number }
  | { kind: "gone"; statusCode: 410 }
  | { kind: "error"; statusCode: number | null; error: string }
  | { kind: "canceled"; error: string };

/**
 * One attempt at a claimed delivery (dispatch-webhooks.ts holds its lease): sign, send to the app's
 * current webhook URL, record the outcome. A 2xx delivers it; 410 Gone means the receiver wants no
 * more, so it fails at once and the app's webhook is switched off (webhookUrl cleared, its other
 * pending deliveries canceled); anything else is retried on the backoff schedule until it fails.
 */
export async function attemptDelivery(prisma: PrismaClient, delivery: WebhookDelivery, now = new Date()): Promise<void> {
  const app = await prisma.app.findUnique({ where: { id: delivery.appId } });
  const url = app?.webhookUrl;
  const outcome: Outcome = url ? await post(prisma, app, url, delivery, now) : { kind: "canceled", error: "the app no longer has a webhook URL" };
  const attempts = outcome.kind === "canceled" ? delivery.attempts : delivery.attempts + 1;
  const common = { attempts, lastAttemptAt: now, ...(url ? { url } : {}) };

  if (outcome.kind === "delivered") {
    await settle(prisma, delivery, { ...common, status: "delivered", deliveredAt: now, nextAttemptAt: null, lastStatusCode: outcome.statusCode, lastError: null });
  } else if (outcome.kind === "gone") {
    await settle(prisma, delivery, { ...common, status: "failed", nextAttemptAt: null, lastStatusCode: 410, lastError: "410 Gone: the receiver asked for no more deliveries; the app's webhook URL was cleared" });
    await disableWebhook(prisma, delivery.appId, url!);
  } else if (outcome.kind === "canceled") {
    await settle(prisma, delivery, { ...common, status: "canceled", nextAttemptAt: null, lastError: outcome.error });
  } else {
    const delay = retryDelayMs(attempts);
    await settle(prisma, delivery, {
      ...common,
      status: delay === null ? "failed" : "pending",
      nextAttemptAt: delay === null ? null : new Date(now.getTime() + delay),
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
    });
  }
}

async function post(
  prisma: PrismaClient,
  app: App,
  url: string,
  delivery: WebhookDelivery,
  now: Date,
): Promise<Outcome> {
  try {
    const current = await ensureWebhookSecret(prisma, app);
    const previous = signingSecrets(app, now).previous;
    // The payload column holds the exact body (a JSON string), so every retry sends the same bytes.
    const body = typeof delivery.payload === "string" ? delivery.payload : JSON.stringify(delivery.payload);
    const headers = webhookHeaders({ webhookId: delivery.webhookId, body, secrets: previous ? [current, previous] : [current], at: now });
    const response = await sendWebhook(await resolveWebhookTarget(url), body, headers);
    if (response.status >= 200 && response.status < 300) return { kind: "delivered", statusCode: response.status };
    if (response.status === 410) return { kind: "gone", statusCode: 410 };
    const snippet = response.body.trim().slice(0, 200);
    return { kind: "error", statusCode: response.status, error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ""}` };
  } catch (error) {
    logger.info({ deliveryId: delivery.id, err: error }, "webhook attempt failed");
    return { kind: "error", statusCode: null, error: describe(error) };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timed out after 15 s";
  const code = (error as { code?: string })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

// Only while the row is still ours: pending, as claimed.
async function settle(prisma: PrismaClient, delivery: WebhookDelivery, data: Parameters<PrismaClient["webhookDelivery"]["updateMany"]>[0]["data"]) {
  await prisma.webhookDelivery.updateMany({ where: { id: delivery.id, status: "pending", attempts: delivery.attempts }, data });
}

async function disableWebhook(prisma: PrismaClient, appId: string, url: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // Only if the tenant has not pointed the app elsewhere meanwhile.
    const { count } = await tx.app.updateMany({ where: { id: appId, webhookUrl: url }, data: { webhookUrl: null } });
    if (count === 0) return;
    await tx.webhookDelivery.updateMany({
      where: { appId, status: "pending" },
      data: { status: "canceled", nextAttemptAt: null, lastError: "the app's webhook was switched off after a 410 Gone" },
    });
  });
}
