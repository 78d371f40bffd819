import type { App, DeliveryAttempt, Prisma, Verification } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { isDependencyFailure } from "@/lib/db/dependency-failure";
import { newId } from "@/lib/ids";
import type { KeyMode } from "@/lib/keys/secret-format";
import { logger } from "@/lib/log";
import { recordDeliveryOutcome } from "@/lib/metrics/record";
import { applyStatusUpdate } from "./apply-status-update";
import { openCode } from "./code-vault";
import { deliverInTransaction } from "./deliver-in-transaction";
import { afterFailure, nextStep, stillWanted } from "./delivery-decisions";
import { messageInputOf, prepareMessage } from "./prepare-message";
import { attemptKey, enqueueAttempt, messageKey, type AttemptRef } from "./delivery-jobs";
import { providerFor, type Channel } from "./plan-delivery";
import { createProvider } from "./providers/create-provider";
import { ProviderError, type ProviderName, type SendResult } from "./providers/types";

export type Outcome = { result: SendResult } | { error: ProviderError };

/**
 * The `delivery.attempt` job: one try of one message. It may run more than once (a worker that dies
 * is replaced), so the attempt row, keyed by `<verification>:<send>:<step>:<try>`, is written and
 * committed BEFORE the provider is called; what a run does given what it finds is nextStep()'s
 * decision (delivery-decisions.ts). The remaining window is a crash between the committed row and
 * the provider's answer: the cost is a possibly undelivered first message on that channel, never a
 * second one. The outbox is written in the same transaction as its attempt, so it has no such window.
 */
export async function attemptDelivery(ref: AttemptRef): Promise<void> {
  const prisma = await db();
  const verification = await prisma.verification.findUnique({ where: { id: ref.verificationId } });
  if (!verification || !stillWanted(verification, ref)) return;
  const app = await prisma.app.findUniqueOrThrow({ where: { id: verification.appId } });
  const channel = verification.deliveryPlan[ref.step] as Channel;
  const provider = providerFor(app, verification.mode as KeyMode, channel);
  const existing = await prisma.deliveryAttempt.findUnique({ where: { idempotencyKey: attemptKey(ref) } });

  const step = nextStep({ verification, ref, provider, existing, now: new Date() });
  switch (step.kind) {
    case "done":
      return;
    case "close-attempt":
      await prisma.deliveryAttempt.update({ where: { id: existing!.id }, data: { finishedAt: new Date() } });
      return;
    case "outcome-unknown":
      logger.warn({ attempt: existing!.id }, "delivery attempt interrupted during the provider call; not calling again");
      return settleUnknown(existing!, step.fallback);
    case "give-up": {
      const attempt = existing ?? (await createAttempt(prisma, verification, ref, channel, provider ?? verification.deliveryProvider));
      if (attempt) await settle(attempt, { error: step.error });
      return;
    }
    case "outbox": {
      const code = openCode(verification.id, verification.codeEncrypted!);
      const template = await namedTemplate(prisma, verification);
      await prisma.$transaction((tx) => deliverInTransaction(tx, { app, verification, code, ref, channel, template }));
      return;
    }
    case "send":
      return send(prisma, { app, verification, ref, channel, provider: step.provider, existing });
  }
}

async function send(
  prisma: Awaited<ReturnType<typeof db>>,
  input: { app: App; verification: Verification; ref: AttemptRef; channel: Channel; provider: ProviderName; existing: DeliveryAttempt | null },
): Promise<void> {
  const { app, verification, ref, channel, provider } = input;
  const code = openCode(verification.id, verification.codeEncrypted!);
  const attempt = input.existing ?? (await createAttempt(prisma, verification, ref, channel, provider));
  if (!attempt) return; // another run of this job created it a moment ago
  const template = await namedTemplate(prisma, verification);
  const message = await prepareMessage(prisma, messageInputOf(verification, { app, channel, code, template }));
  const outcome = await sendThroughProvider(createProvider(provider, app, prisma), { app, verification, attempt, ref, channel, code, message });
  // The provider has answered: losing that answer to a database hiccup would turn a sent message
  // into an unknown one, so recording it is retried while the database comes back.
  await withWriteRetries(() => settle(attempt, outcome));
}

/**
 * An attempt whose provider call was under way when its worker stopped (or whose outcome could not be
 * recorded): the provider may well have taken the message. With a fallback channel it counts as
 * sent, so the receipt decides: a receipt marks it delivered, and only no receipt within
 * OTPILOT_DELIVERY_RECEIPT_TIMEOUT moves the code to the next channel — never at once, which would
 * send it twice when the first message did go out. Without a fallback it fails as `outcome_unknown`.
 */
async function settleUnknown(attempt: DeliveryAttempt, hasFallback: boolean): Promise<void> {
  const unknown = "the worker stopped during the provider call, or its outcome could not be recorded; the outcome is unknown";
  if (!hasFallback) {
    await settle(attempt, { error: new ProviderError(unknown, "outcome_unknown", false) });
    return;
  }
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await tx.deliveryAttempt.update({
      where: { id: attempt.id },
      data: { finishedAt: new Date(), errorCode: "outcome_unknown", errorMessage: unknown },
    });
    await applyStatusUpdate(tx, attempt, "sent");
  });
}

// Up to about a minute: a PostgreSQL restart takes seconds; a longer outage leaves the job to the
// queue's own retry (and then settleUnknown).
const WRITE_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/** Runs a database write, again after a pause while the database is unavailable. */
export async function withWriteRetries<T>(write: () => Promise<T>, delays = WRITE_RETRY_DELAYS_MS): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await write();
    } catch (error) {
      if (i >= delays.length || !isDependencyFailure(error)) throw error;
      logger.warn({ try: i + 1 }, "could not record a delivery outcome (database unavailable); retrying");
      await new Promise((resolve) => setTimeout(resolve, delays[i]));
    }
  }
}

/** Hands one message to a provider; a ProviderError is an outcome to record, anything else a bug. */
export async function sendThroughProvider(
  provider: ReturnType<typeof createProvider>,
  input: {
    app: App;
    verification: Verification;
    attempt: DeliveryAttempt;
    ref: AttemptRef;
    channel: Channel;
    code: string;
    message: { body: string; locale: string };
  },
): Promise<Outcome> {
  const { app, verification, attempt, ref, channel, code, message } = input;
  try {
    const result = await provider.send({
      attemptId: attempt.id,
      messageKey: messageKey(ref),
      tenantId: verification.tenantId,
      appId: app.id,
      verificationId: verification.id,
      to: verification.recipient,
      channel,
      body: message.body,
      code,
      locale: message.locale,
      step: ref.step,
      try: ref.try,
    });
    return { result };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { error };
  }
}

/** Inserts the attempt row; null when it exists already (a concurrent run of the same job). */
export async function createAttempt(
  client: Prisma.TransactionClient,
  verification: Verification,
  ref: AttemptRef,
  channel: Channel,
  provider: ProviderName | string,
): Promise<DeliveryAttempt | null> {
  const rows = await client.$queryRaw<{ id: string }[]>`
    INSERT INTO "DeliveryAttempt" ("id", "tenantId", "verificationId", "channel", "provider", "status", "idempotencyKey", "sendNumber", "step", "try", "createdAt", "updatedAt")
    VALUES (${newId("dla")}, ${verification.tenantId}, ${verification.id}, ${channel}::"Channel", ${provider}, 'queued', ${attemptKey(ref)}, ${ref.sendNumber}, ${ref.step}, ${ref.try}, now(), now())
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id"`;
  if (!rows[0]) return null;
  return client.deliveryAttempt.findUniqueOrThrow({ where: { id: rows[0].id } });
}

async function settle(attempt: DeliveryAttempt, outcome: Outcome): Promise<void> {
  const prisma = await db();
  await prisma.$transaction((tx) => applyOutcome(tx, attempt, outcome));
}

/**
 * Records a provider call's outcome on its attempt, then: success moves the message forward; a
 * retryable error schedules the next try on the same channel (capped exponential backoff with
 * jitter) while tries and the code's lifetime allow; any other error fails the channel, which falls
 * back to the next one.
 */
export async function applyOutcome(
  tx: Prisma.TransactionClient,
  attempt: DeliveryAttempt,
  outcome: Outcome,
): Promise<void> {
  recordDeliveryOutcome(attempt.provider, attempt.channel, outcome);
  const now = new Date();
  if ("result" in outcome) {
    await tx.deliveryAttempt.update({
      where: { id: attempt.id },
      data: { finishedAt: now, providerMessageId: outcome.result.providerMessageId ?? undefined },
    });
    await applyStatusUpdate(tx, attempt, outcome.result.status);
    return;
  }
  const { error } = outcome;
  await tx.deliveryAttempt.update({
    where: { id: attempt.id },
    data: {
      finishedAt: now,
      retryable: error.retryable,
      errorCode: error.code,
      errorMessage: error.message.slice(0, 500),
    },
  });
  const verification = await tx.verification.findUniqueOrThrow({ where: { id: attempt.verificationId } });
  const next = afterFailure({ attempt, error, verification, now });
  if (next.kind === "retry") {
    await tx.deliveryAttempt.update({ where: { id: attempt.id }, data: { status: "failed" } });
    await enqueueAttempt(tx, next.ref, next.delaySeconds);
    return;
  }
  await applyStatusUpdate(tx, attempt, "failed", { code: error.code, message: error.message });
}

/** The template the send named, if any; prepareMessage uses it only for the channel it was written for. */
function namedTemplate(prisma: Awaited<ReturnType<typeof db>>, verification: Verification) {
  return verification.templateId ? prisma.template.findUnique({ where: { id: verification.templateId } }) : Promise.resolve(null);
}
