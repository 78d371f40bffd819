import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueue } from "@/lib/jobs/enqueue";

/** One try of one webhook delivery (attempt-webhook.ts). */
export const WEBHOOK_JOB = "webhook.deliver";

/**
 * The delivery, and how many tries it had when this one was queued: a job for a try that has
 * already happened (the row's count moved on) does nothing.
 */
export type WebhookAttemptRef = { deliveryId: string; attempts: number };

/** Longer than a try can take (the 15 s timeout, DNS and a few queries). */
export const WEBHOOK_ATTEMPT_SECONDS = 60;

/**
 * Queues a try of a delivery for `at` (now when omitted). Give the transaction that makes the row
 * pending: the job then exists exactly when the row says a try is owed.
 */
export async function enqueueWebhookAttempt(
  tx: Prisma.TransactionClient | null,
  ref: WebhookAttemptRef,
  at?: Date,
  dedupeKey?: string,
): Promise<void> {
  await enqueue(tx, WEBHOOK_JOB, { ...ref }, { startAfter: at, dedupeKey, expireInSeconds: WEBHOOK_ATTEMPT_SECONDS });
}
