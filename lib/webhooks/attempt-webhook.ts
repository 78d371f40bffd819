import { db } from "@/lib/db/client";
import type { App, PrismaClient, WebhookDelivery } from "@/lib/generated/prisma/client";
import { retryDelaySeconds, SCHEDULES } from "@/lib/jobs/backoff";
import { logger } from "@/lib/log";
import { resolveWebhookTarget } from "./resolve-webhook-target";
import { sendWebhook } from "./send-webhook";
import { webhookHeaders } from "./sign-webhook";
import { WEBHOOK_ATTEMPT_SECONDS, enqueueWebhookAttempt, type WebhookAttemptRef } from "./webhook-job";
import { ensureWebhookSecret, signingSecrets } from "./webhook-secrets";

export type WebhookOutcome =
  | { kind: "delivered"; statusCode: number }
  | { kind: "gone"; statusCode: 410 }
  | { kind: "error"; statusCode: number | null; error: string }
  | { kind: "canceled"; error: string };

/** What a try changes on its row. */
export type Settlement = {
  status: "pending" | "delivered" | "failed" | "canceled";
  attempts: number;
  nextAttemptAt: Date | null;
  deliveredAt?: Date;
  lastStatusCode?: number | null;
  lastError: string | null;
};

/**
 * The `webhook.deliver` job: one try of one delivery. It claims the row first (due, pending, still
 * at the job's try count), so however many workers run and however often pg-boss hands the job
 * out, a try is made once; then it signs, sends to the app's current webhook URL and records the
 * outcome, queueing the next try in the same transaction when one is owed.
 */
export async function attemptWebhook(ref: WebhookAttemptRef, now = new Date()): Promise<void> {
  const prisma = await db();
  const delivery = await claim(prisma, ref);
  if (!delivery) return await requeueIfHeld(prisma, ref);

  const app = await prisma.app.findUnique({ where: { id: delivery.appId } });
  const url = app?.webhookUrl;
  const outcome: WebhookOutcome = url ? await post(prisma, app, url, delivery, now) : { kind: "canceled", error: "the app no longer has a webhook URL" };
  const update = settlement(outcome, delivery.attempts, now);
  await prisma.$transaction(async (tx) => {
    // Only while the row is still ours: pending, at the try we claimed.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending", attempts: delivery.attempts },
      data: { ...update, lastAttemptAt: now, ...(url ? { url } : {}) },
    });
    if (count === 1 && update.status === "pending") await enqueueWebhookAttempt(tx, { deliveryId: delivery.id, attempts: update.attempts }, update.nextAttemptAt ?? undefined);
  });
  if (outcome.kind === "gone") await disableWebhook(prisma, delivery.appId, url!);
}

/**
 * What a try's outcome makes of the row. A 2xx delivers it; 410 Gone means the receiver wants no
 * more, so it fails at once (and the caller switches the app's webhook off); any other answer or
 * error is retried on SCHEDULES.webhook until that gives up; no URL cancels it without a try.
 */
export function settlement(
  outcome: WebhookOutcome,
  attemptsBefore: number,
  now: Date,
  random: () => number = Math.random,
): Settlement {
  if (outcome.kind === "canceled") return { status: "canceled", attempts: attemptsBefore, nextAttemptAt: null, lastError: outcome.error };
  const attempts = attemptsBefore + 1;
  if (outcome.kind === "delivered") return { status: "delivered", attempts, deliveredAt: now, nextAttemptAt: null, lastStatusCode: outcome.statusCode, lastError: null };
  if (outcome.kind === "gone")
    return { status: "failed", attempts, nextAttemptAt: null, lastStatusCode: 410, lastError: "410 Gone: the receiver asked for no more deliveries; the app's webhook URL was cleared" };
  const delay = retryDelaySeconds(SCHEDULES.webhook, attempts, random);
  return {
    status: delay === null ? "failed" : "pending",
    attempts,
    nextAttemptAt: delay === null ? null : new Date(now.getTime() + Math.round(delay * 1000)),
    lastStatusCode: outcome.statusCode,
    lastError: outcome.error,
  };
}

/**
 * Takes the try: a due, pending row at the job's count gets its next attempt time moved past the
 * length of a try, in one statement. A second run of the same job (pg-boss gives a job whose
 * worker seems dead to another) finds it not due and leaves it alone.
 */
async function claim(prisma: PrismaClient, ref: WebhookAttemptRef): Promise<WebhookDelivery | null> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery"
       SET "nextAttemptAt" = now() + ${WEBHOOK_ATTEMPT_SECONDS} * interval '1 second', "updatedAt" = now()
     WHERE "id" = ${ref.deliveryId} AND "status" = 'pending' AND "attempts" = ${ref.attempts} AND "nextAttemptAt" <= now()
 RETURNING "id"`;
  if (rows.length === 0) return null;
  return prisma.webhookDelivery.findUnique({ where: { id: ref.deliveryId } });
}

/**
 * The job found its try not due: another run holds it (or held it and died), or the clock of the
 * process that queued it runs ahead. Look again when the hold ends, so a try is never dropped; a
 * job for a try that has been made or settled ends here.
 */
async function requeueIfHeld(prisma: PrismaClient, ref: WebhookAttemptRef): Promise<void> {
  const row = await prisma.webhookDelivery.findUnique({ where: { id: ref.deliveryId }, select: { status: true, attempts: true, nextAttemptAt: true } });
  if (row?.status !== "pending" || row.attempts !== ref.attempts || !row.nextAttemptAt) return;
  await enqueueWebhookAttempt(null, ref, row.nextAttemptAt, `${ref.deliveryId}:${ref.attempts}:${row.nextAttemptAt.getTime()}`);
}

async function post(prisma: PrismaClient, app: App, url: string, delivery: WebhookDelivery, now: Date): Promise<WebhookOutcome> {
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

async function disableWebhook(prisma: PrismaClient, appId: string, url: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // Only if the tenant has not pointed the app elsewhere meanwhile.
    const { count } = await tx.app.updateMany({ where: { id: appId, webhookUrl: url }, data: { webhookUrl: null } });
    if (count === 0) return;
    // Their queued jobs then find them settled and do nothing.
    await tx.webhookDelivery.updateMany({
      where: { appId, status: "pending" },
      data: { status: "canceled", nextAttemptAt: null, lastError: "the app's webhook was switched off after a 410 Gone" },
    });
  });
}
