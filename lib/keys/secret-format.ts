import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * Secret API keys look like `otpsk_test_<32 random base62 chars><6 checksum chars>`:
 * - the type prefix makes a leaked key recognisable by secret scanners and tells the mode at a glance;
 * - 32 base62 characters carry 190 random bits;
 * - the CRC32 checksum lets us refuse a mistyped key without a database lookup.
 * Publishable keys (`otppk_…`) have the same shape; they are not secret, the checksum still helps.
 */
export type KeyMode = "live" | "test";
type KeyKind = "secret" | "publishable";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const PREFIX: Record<KeyKind, string> = { secret: "otpsk", publishable: "otppk" };
const SHAPE = /^(otpsk|otppk)_(live|test)_([0-9A-Za-z]{38})$/;

/** Characters of a secret shown in the console so people can tell keys apart. */
export const DISPLAY_START_LENGTH = "otpsk_test_".length + 4;

export function generateKeyString(kind: KeyKind, mode: KeyMode): string {
  const random = randomBase62(RANDOM_LENGTH);
  const head = `${PREFIX[kind]}_${mode}_${random}`;
  return head + checksum(head);
}

type ParsedKey = { kind: KeyKind; mode: KeyMode };

/** Checks shape and checksum. Returns null for anything that cannot be one of our keys. */
export function parseKeyString(value: string): ParsedKey | null {
  const match = SHAPE.exec(value);
  if (!match) return null;
  const body = match[3]!;
  const head = value.slice(0, value.length - CHECKSUM_LENGTH);
  if (checksum(head) !== body.slice(RANDOM_LENGTH)) return null;
  return { kind: match[1] === "otpsk" ? "secret" : "publishable", mode: match[2] as KeyMode };
}

function checksum(head: string): string {
  return toBase62(crc32(head), CHECKSUM_LENGTH);
}

function toBase62(value: number, width: number): string {
  let out = "";
  let n = value;
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** Uniform base62 characters by rejection sampling: bytes ≥ 248 are dropped so `% 62` has no bias. */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}
