import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueue } from "@/lib/jobs/enqueue";

/** Send one try of one message (delivery/attempt-delivery.ts). */
export const ATTEMPT_JOB = "delivery.attempt";
/** No receipt for a message within the receipt timeout: fall back to the next channel (receipt-timeout.ts). */
export const RECEIPT_TIMEOUT_JOB = "delivery.receipt-timeout";

/** Which send of the verification (its sendCount), which channel of its plan, which try on it. */
export type AttemptRef = { verificationId: string; sendNumber: number; step: number; try: number };
export type StepRef = Omit<AttemptRef, "try">;

/** The attempt's idempotency key: one provider call at most per key. */
export function attemptKey(ref: AttemptRef): string {
  return `${ref.verificationId}:${ref.sendNumber}:${ref.step}:${ref.try}`;
}

/** The same for every try of one message on one channel (the HTTP gateway's `webhook-id`). */
export function messageKey(ref: StepRef): string {
  return `${ref.verificationId}:${ref.sendNumber}:${ref.step}`;
}

// Longer than one attempt can take (a 10 s provider timeout and a few queries): a job active for
// longer belonged to a worker that died, and pg-boss hands it to another.
const ATTEMPT_EXPIRE_SECONDS = 30;

export async function enqueueAttempt(tx: Prisma.TransactionClient, ref: AttemptRef, startAfterSeconds?: number): Promise<void> {
  await enqueue(tx, ATTEMPT_JOB, { ...ref }, { dedupeKey: attemptKey(ref), startAfter: startAfterSeconds, expireInSeconds: ATTEMPT_EXPIRE_SECONDS, priority: 10 });
}

export async function enqueueReceiptTimeout(tx: Prisma.TransactionClient, ref: StepRef, afterSeconds: number): Promise<void> {
  await enqueue(tx, RECEIPT_TIMEOUT_JOB, { ...ref }, { dedupeKey: messageKey(ref), startAfter: afterSeconds, priority: 10 });
}
