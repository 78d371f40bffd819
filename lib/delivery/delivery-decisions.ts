/**
 * What the `delivery.attempt` job does, decided from what it has read: pure functions, no I/O, so
 * every branch is unit-tested (tests/unit/delivery/delivery-decisions.test.ts). The executor that
 * reads, writes and calls providers is attempt-delivery.ts.
 */
import type { DeliveryAttempt, Verification } from "@/lib/generated/prisma/client";
import { retryDelaySeconds, SCHEDULES } from "@/lib/jobs/backoff";
import type { AttemptRef } from "./delivery-jobs";
import { ProviderError, type ProviderName } from "./providers/types";

type VerificationState = Pick<Verification, "status" | "sendCount" | "deliveryStep" | "deliveryStatus" | "expiresAt" | "codeEncrypted" | "deliveryPlan">;
type AttemptState = Pick<DeliveryAttempt, "status" | "finishedAt" | "step">;

/** A job for an older send, another channel, or a settled delivery has nothing left to do. */
export function stillWanted(v: Pick<VerificationState, "status" | "sendCount" | "deliveryStep" | "deliveryStatus">, ref: Omit<AttemptRef, "try">): boolean {
  return v.status === "pending" && v.sendCount === ref.sendNumber && v.deliveryStep === ref.step && v.deliveryStatus === "queued";
}

export type NextStep =
  /** Another run finished this try (or it is not wanted any more): nothing to do. */
  | { kind: "done" }
  /** A status callback arrived before this run: the provider took the message; close the attempt. */
  | { kind: "close-attempt" }
  /**
   * A run died during the provider call, which takes no idempotency key: whether the message went
   * out is unknown, so it is not sent again. With a fallback channel it counts as sent (a receipt,
   * or none before the receipt timeout, decides); without, it fails as `outcome_unknown`.
   */
  | { kind: "outcome-unknown"; fallback: boolean }
  /** The try cannot be made: record it as failed with this error (no provider call). */
  | { kind: "give-up"; error: ProviderError }
  /** Through the outbox, in one transaction with its attempt row. */
  | { kind: "outbox" }
  /** Call the provider (again, for the HTTP gateway: it gets the same webhook-id and can drop a duplicate). */
  | { kind: "send"; provider: ProviderName };

/**
 * The try's next step. The attempt row (keyed by verification, send, step and try) is committed
 * before the provider is called, so a run that finds it knows an earlier run got that far.
 */
export function nextStep(input: {
  verification: VerificationState;
  ref: AttemptRef;
  /** the provider configured now for the try's channel, null when none is */
  provider: ProviderName | null;
  existing: AttemptState | null;
  now: Date;
}): NextStep {
  const { verification, ref, provider, existing, now } = input;
  if (!stillWanted(verification, ref) || existing?.finishedAt) return { kind: "done" };
  if (existing && existing.status !== "queued") return { kind: "close-attempt" };
  if (existing && provider !== "http") return { kind: "outcome-unknown", fallback: existing.step + 1 < verification.deliveryPlan.length };
  if (!provider) return { kind: "give-up", error: new ProviderError(`no provider is configured for ${verification.deliveryPlan[ref.step]} any more`, "provider_unavailable", false) };
  if (!verification.codeEncrypted) return { kind: "give-up", error: new ProviderError("the code is no longer stored", "code_unavailable", false) };
  if (verification.expiresAt <= now) return { kind: "give-up", error: new ProviderError("the code expired before it could be delivered", "expired", false) };
  return provider === "outbox" ? { kind: "outbox" } : { kind: "send", provider };
}

export type AfterFailure = { kind: "retry"; ref: AttemptRef; delaySeconds: number } | { kind: "fail-channel" };

/**
 * After a provider refused a try: a retryable error is tried again on the same channel after
 * SCHEDULES.delivery's wait, while the schedule allows, the job is still wanted and the code outlives
 * the wait; anything else fails the channel (which falls back to the next one, if any).
 */
export function afterFailure(input: {
  attempt: Pick<DeliveryAttempt, "verificationId" | "sendNumber" | "step" | "try">;
  error: Pick<ProviderError, "retryable">;
  verification: VerificationState;
  now: Date;
  random?: () => number;
}): AfterFailure {
  const { attempt, error, verification, now } = input;
  const ref = { verificationId: attempt.verificationId, sendNumber: attempt.sendNumber, step: attempt.step, try: attempt.try + 1 };
  // Tries count from 0: after try n, n + 1 have failed.
  const delaySeconds = retryDelaySeconds(SCHEDULES.delivery, attempt.try + 1, input.random);
  const canRetry =
    error.retryable &&
    delaySeconds !== null &&
    stillWanted(verification, ref) &&
    verification.expiresAt.getTime() > now.getTime() + delaySeconds * 1000;
  return canRetry ? { kind: "retry", ref, delaySeconds } : { kind: "fail-channel" };
}
