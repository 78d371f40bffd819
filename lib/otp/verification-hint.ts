import { z } from "zod";
import { logger } from "@/lib/log";
import { readStoreValue, writeStoreValue } from "@/lib/rate-limit/limiter";
import { CODE_ALPHABETS, type CodeAlphabet } from "./code";

/**
 * What a verify by id needs to know about a verification before it may try the code: whose it is
 * (tenant, mode, app), which recipient's verify limit the attempt counts against, and the code's
 * alphabet (to normalise what the user typed). None of it ever changes after the send, so the send
 * leaves it in the rate limiter's store, in the round trip of its own limits, and a verify reads it
 * in the round trip of its per-key limit. With it, a verify with the right code is one statement
 * (the conditional approval) instead of a read and then the approval.
 *
 * A hint only routes: the approval's statement still checks the tenant, mode, app, state, expiry,
 * attempts and code hash itself. A missing hint (expired, never written, a store that lost it) or one
 * that does not fit the caller's key means the verification is read first, as without hints.
 */
export type VerificationHint = {
  tenantId: string;
  mode: "live" | "test";
  appId: string;
  recipient: string;
  alphabet: CodeAlphabet;
};

const hintSchema = z.object({
  tenantId: z.string(),
  mode: z.enum(["live", "test"]),
  appId: z.string(),
  recipient: z.string(),
  alphabet: z.enum(Object.keys(CODE_ALPHABETS) as [CodeAlphabet, ...CodeAlphabet[]]),
});

// Kept a minute past the verification's expiry: after it, a verify answers `expired` from the row.
const GRACE_SECONDS = 60;

function hintKey(verificationId: string): string {
  return `otpilot:vh:${verificationId}`;
}

/** The verification a hint is left for: what the send or resend knows of it. */
export type HintedVerification = VerificationHint & { id: string };

/** Where and how long a verification's hint is kept, and its value: one record for every writer. */
export function hintRecord(v: HintedVerification, codeTtlSeconds: number): { key: string; value: string; ttlSeconds: number } {
  const hint: VerificationHint = { tenantId: v.tenantId, mode: v.mode, appId: v.appId, recipient: v.recipient, alphabet: v.alphabet };
  return { key: hintKey(v.id), value: JSON.stringify(hint), ttlSeconds: codeTtlSeconds + GRACE_SECONDS };
}

/**
 * The hint of a verification with a new code, written by the send or resend (issued in the same tick
 * as its limits, so it shares their round trip). Best effort: without it a verify reads the row first.
 */
export async function leaveVerificationHint(v: HintedVerification, codeTtlSeconds: number): Promise<void> {
  const { key, value, ttlSeconds } = hintRecord(v, codeTtlSeconds);
  try {
    await writeStoreValue(key, value, ttlSeconds);
  } catch (error) {
    logger.warn({ err: error, verificationId: v.id }, "could not leave a verification hint; verifies of it read the row first");
  }
}

/** The verification's hint, or null (none, unreadable, or the store did not answer). */
export async function readVerificationHint(verificationId: string): Promise<VerificationHint | null> {
  try {
    const stored = await readStoreValue(hintKey(verificationId));
    if (stored === null) return null;
    const parsed = hintSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
