import { createHash } from "node:crypto";

/**
 * Secrets carry ≥190 random bits, so a plain SHA-256 is enough (no salt or slow hash needed: there
 * is nothing to brute-force). Stored with `hashAlgorithm` so the scheme can change later.
 */
export const SECRET_HASH_ALGORITHM = "sha256";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
