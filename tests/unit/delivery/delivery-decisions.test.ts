import { describe, expect, it } from "vitest";
import { afterFailure, nextStep, stillWanted } from "@/lib/delivery/delivery-decisions";

const now = new Date("2026-11-30T12:00:00.000Z");
const ref = { verificationId: "ver_1", sendNumber: 1, step: 0, try: 0 };
const verification = {
  status: "pending" as const,
  sendCount: 1,
  deliveryStep: 0,
  deliveryStatus: "queued" as const,
  expiresAt: new Date(now.getTime() + 600_000),
  codeEncrypted: "sealed",
  deliveryPlan: ["sms" as const, "whatsapp" as const],
};
const queuedAttempt = { status: "queued" as const, finishedAt: null, step: 0 };
const step = (overrides: Partial<Parameters<typeof nextStep>[0]> = {}) =>
  nextStep({ verification, ref, provider: "twilio", existing: null, now, ...overrides });

describe("stillWanted", () => {
  it("wants only the current send and channel of a pending verification whose delivery is open", () => {
    expect(stillWanted(verification, ref)).toBe(true);
    expect(stillWanted({ ...verification, status: "approved" }, ref)).toBe(false);
    expect(stillWanted({ ...verification, sendCount: 2 }, ref)).toBe(false);
    expect(stillWanted({ ...verification, deliveryStep: 1 }, ref)).toBe(false);
    expect(stillWanted({ ...verification, deliveryStatus: "sent" }, ref)).toBe(false);
  });
});

describe("nextStep", () => {
  it("sends a fresh try through the configured provider, the outbox in one transaction", () => {
    expect(step()).toEqual({ kind: "send", provider: "twilio" });
    expect(step({ provider: "outbox" })).toEqual({ kind: "outbox" });
  });

  it("does nothing for a try that is not wanted any more or that another run finished", () => {
    expect(step({ verification: { ...verification, sendCount: 2 } })).toEqual({ kind: "done" });
    expect(step({ existing: { ...queuedAttempt, finishedAt: now } })).toEqual({ kind: "done" });
  });

  it("closes an attempt a status callback already moved on", () => {
    expect(step({ existing: { ...queuedAttempt, status: "sent" } })).toEqual({ kind: "close-attempt" });
  });

  it("never calls Twilio or Meta again after an interrupted call; the outcome is unknown, with or without fallback", () => {
    expect(step({ existing: queuedAttempt })).toEqual({ kind: "outcome-unknown", fallback: true });
    expect(step({ existing: { ...queuedAttempt, step: 1 }, ref: { ...ref, step: 1 }, verification: { ...verification, deliveryStep: 1 } })).toEqual({
      kind: "outcome-unknown",
      fallback: false,
    });
  });

  it("calls the HTTP gateway again (it deduplicates by webhook-id)", () => {
    expect(step({ existing: queuedAttempt, provider: "http" })).toEqual({ kind: "send", provider: "http" });
  });

  it("gives up without a call when no provider, no code or no time is left", () => {
    const giveUp = (overrides: Partial<Parameters<typeof nextStep>[0]>) => {
      const next = step(overrides);
      return next.kind === "give-up" ? next.error.code : next.kind;
    };
    expect(giveUp({ provider: null })).toBe("provider_unavailable");
    expect(giveUp({ verification: { ...verification, codeEncrypted: null } })).toBe("code_unavailable");
    expect(giveUp({ verification: { ...verification, expiresAt: now } })).toBe("expired");
  });
});

describe("afterFailure", () => {
  const attempt = { verificationId: "ver_1", sendNumber: 1, step: 0, try: 0 };
  const retryable = { retryable: true };

  it("retries a retryable error on the same channel after the delivery schedule's wait", () => {
    expect(afterFailure({ attempt, error: retryable, verification, now, random: () => 1 })).toEqual({ kind: "retry", ref: { ...ref, try: 1 }, delaySeconds: 2 });
    expect(afterFailure({ attempt: { ...attempt, try: 2 }, error: retryable, verification, now, random: () => 1 })).toEqual({
      kind: "retry",
      ref: { ...ref, try: 3 },
      delaySeconds: 8,
    });
  });

  it("fails the channel after the fourth try, on a permanent error, or when the code would expire first", () => {
    expect(afterFailure({ attempt: { ...attempt, try: 3 }, error: retryable, verification, now })).toEqual({ kind: "fail-channel" });
    expect(afterFailure({ attempt, error: { retryable: false }, verification, now })).toEqual({ kind: "fail-channel" });
    const soon = { ...verification, expiresAt: new Date(now.getTime() + 1_500) };
    expect(afterFailure({ attempt, error: retryable, verification: soon, now, random: () => 1 })).toEqual({ kind: "fail-channel" });
  });

  it("does not retry a try whose verification moved on meanwhile", () => {
    expect(afterFailure({ attempt, error: retryable, verification: { ...verification, status: "canceled" }, now })).toEqual({ kind: "fail-channel" });
  });
});
