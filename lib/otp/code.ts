import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { foldDigits } from "@/lib/text/digits";
import { CODE_ALPHABETS, MAX_CODE_LENGTH, type CodeAlphabet } from "./alphabets";

/**
 * One-time codes: generation, hashing for storage, and comparison with what the user typed.
 * The code itself is never stored: only an HMAC keyed with the server's pepper and bound to the
 * verification id, so a leaked table reveals nothing and equal codes on two verifications differ.
 */
export { CODE_ALPHABETS, MAX_CODE_LENGTH, MIN_CODE_LENGTH, type CodeAlphabet } from "./alphabets";

export function generateCode(length: number, alphabet: CodeAlphabet): string {
  const { symbols, minLength } = CODE_ALPHABETS[alphabet];
  if (!Number.isInteger(length) || length < minLength || length > MAX_CODE_LENGTH) {
    throw new RangeError(`code length must be an integer from ${minLength} to ${MAX_CODE_LENGTH} for ${alphabet} codes`);
  }
  // crypto.randomInt rejection-samples, so every symbol is equally likely (no modulo bias).
  return Array.from({ length }, () => symbols[randomInt(symbols.length)]).join("");
}

/**
 * What the user typed → the form the code was generated in: full-width letters folded to ASCII
 * (NFKC), every Unicode decimal digit (Arabic-Indic, Devanagari, …) to its ASCII digit, spaces and
 * dashes removed, letters upper-cased unless the alphabet is mixed-case.
 */
export function normalizeSubmittedCode(input: string, alphabet: CodeAlphabet): string {
  const compact = foldDigits(input.normalize("NFKC")).replace(/[\s\-‐‑‒–—―−]/gu, "");
  return CODE_ALPHABETS[alphabet].caseSensitive ? compact : compact.toUpperCase();
}

/** HMAC-SHA256 (hex) of a generated code, bound to its verification. */
export function hashCode(code: string, pepper: Buffer, verificationId: string): string {
  // The id and the code are separated by a byte that neither can contain.
  return createHmac("sha256", pepper).update(`${verificationId}\u0000${code}`, "utf8").digest("hex");
}

/** The hash a submitted code would have been stored under (hex), for a conditional write that compares it. */
export function submittedCodeHash(submitted: string, pepper: Buffer, verificationId: string, alphabet: CodeAlphabet): string {
  return hashCode(normalizeSubmittedCode(submitted, alphabet), pepper, verificationId);
}

/** Whether a submitted code matches a stored hash, compared in constant time. */
export function codeMatches(
  submitted: string,
  storedHash: string,
  pepper: Buffer,
  verificationId: string,
  alphabet: CodeAlphabet,
): boolean {
  const candidate = Buffer.from(submittedCodeHash(submitted, pepper, verificationId, alphabet), "hex");
  const stored = Buffer.from(storedHash, "hex");
  // A malformed stored hash decodes to another length; timingSafeEqual needs equal lengths.
  if (stored.length !== candidate.length) return false;
  return timingSafeEqual(candidate, stored);
}
