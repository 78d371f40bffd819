import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { foldDigits } from "@/lib/text/digits";

/**
 * One-time codes: generation, hashing for storage, and comparison with what the user typed.
 * The code itself is never stored: only an HMAC keyed with the server's pepper and bound to the
 * verification id, so a leaked table reveals nothing and equal codes on two verifications differ.
 */
export type CodeAlphabet = "numeric" | "alphanumeric";

export const MIN_CODE_LENGTH = 4;
export const MAX_CODE_LENGTH = 10;

// Upper-case only, without the look-alikes 0/O and 1/I/L: 31 symbols.
const ALPHABETS: Record<CodeAlphabet, string> = {
  numeric: "0123456789",
  alphanumeric: "23456789ABCDEFGHJKMNPQRSTUVWXYZ",
};

export function generateCode(length: number, alphabet: CodeAlphabet): string {
  if (!Number.isInteger(length) || length < MIN_CODE_LENGTH || length > MAX_CODE_LENGTH) {
    throw new RangeError(`code length must be an integer from ${MIN_CODE_LENGTH} to ${MAX_CODE_LENGTH}`);
  }
  const symbols = ALPHABETS[alphabet];
  // crypto.randomInt rejection-samples, so every symbol is equally likely (no modulo bias).
  return Array.from({ length }, () => symbols[randomInt(symbols.length)]).join("");
}

/**
 * What the user typed → the form the code was generated in: full-width letters folded to ASCII
 * (NFKC), every Unicode decimal digit (Arabic-Indic, Devanagari, …) to its ASCII digit, spaces and
 * dashes removed, letters upper-cased for alphanumeric codes.
 */
export function normalizeSubmittedCode(input: string, alphabet: CodeAlphabet): string {
  const compact = foldDigits(input.normalize("NFKC")).replace(/[\s\-‐‑‒–—―−]/gu, "");
  return alphabet === "alphanumeric" ? compact.toUpperCase() : compact;
}

/** HMAC-SHA256 (hex) of a generated code, bound to its verification. */
export function hashCode(code: string, pepper: Buffer, verificationId: string): string {
  // The id and the code are separated by a byte that neither can contain.
  return createHmac("sha256", pepper).update(`${verificationId}\u0000${code}`, "utf8").digest("hex");
}

/** Whether a submitted code matches a stored hash, compared in constant time. */
export function codeMatches(
  submitted: string,
  storedHash: string,
  pepper: Buffer,
  verificationId: string,
  alphabet: CodeAlphabet,
): boolean {
  const candidate = Buffer.from(
    hashCode(normalizeSubmittedCode(submitted, alphabet), pepper, verificationId),
    "hex",
  );
  const stored = Buffer.from(storedHash, "hex");
  // A malformed stored hash decodes to another length; timingSafeEqual needs equal lengths.
  if (stored.length !== candidate.length) return false;
  return timingSafeEqual(candidate, stored);
}
