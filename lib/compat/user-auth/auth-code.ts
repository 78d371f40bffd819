import { createHmac, timingSafeEqual } from "node:crypto";
import { serverSecrets } from "@/lib/config/secrets";

/**
 * The `authCode` of the user-auth style (reference 001): the handle that binds a verify call to the
 * register call that started the verification. It is derived from the verification id with the
 * server's pepper (HMAC, domain-separated from code hashing), so nothing extra is stored and it
 * cannot be computed without the server's secret. It is 15 decimal digits with a non-zero first
 * digit — about 49.7 bits, and below 2^53, so a client that keeps it as a JSON number (the
 * reference's verify example sends `"authCode": 1234`) gets it back exactly. It is not a second
 * code: the user never sees it, and the one-time code is still required.
 */
export const AUTH_CODE_DIGITS = 15;
const SPAN = 9n * 10n ** BigInt(AUTH_CODE_DIGITS - 1);
const FLOOR = 10n ** BigInt(AUTH_CODE_DIGITS - 1);

export function authCodeFor(verificationId: string, pepper = serverSecrets().codePepper): string {
  const digest = createHmac("sha256", pepper).update(`compat:user-auth:authCode\u0000${verificationId}`, "utf8").digest();
  return String(FLOOR + (digest.readBigUInt64BE(0) % SPAN));
}

/** Whether a submitted authCode (string or number) is the one of this verification, compared in constant time. */
export function authCodeMatches(submitted: string | number, verificationId: string, pepper = serverSecrets().codePepper): boolean {
  const expected = Buffer.from(authCodeFor(verificationId, pepper));
  const given = Buffer.from(String(submitted).trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
