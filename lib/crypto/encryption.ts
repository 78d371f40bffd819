import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM envelopes for secrets at rest (provider credentials, webhook secrets, outbox bodies).
 *
 * Envelope: `v1.<kid>.<iv>.<tag>.<ciphertext>` (base64url parts). The key id names the key that
 * sealed it, so keys can rotate: put a new key first in the keyring, keep the old ones to read
 * what they sealed. The version, the key id and the caller's associated data (e.g. the row id)
 * are all authenticated, so a ciphertext moved to another row, or relabelled, fails to open.
 */
export type Keyring = {
  /** the key that encrypts; every key in `keys` decrypts */
  activeKid: string;
  keys: Map<string, Buffer>;
};

export class KeyringError extends Error {
  override name = "KeyringError";
}

/** The envelope is malformed, its key is not in the keyring, or it fails authentication. */
export class DecryptionError extends Error {
  override name = "DecryptionError";
}

const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Parses `OTPILOT_ENCRYPTION_KEYS`: `kid:base64key[,kid:base64key…]`, each key 32 bytes in base64
 * or base64url. The first key encrypts; all of them decrypt.
 */
export function parseKeyring(spec: string): Keyring {
  const keys = new Map<string, Buffer>();
  const entries = spec.split(",").map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    const separator = entry.indexOf(":");
    const kid = entry.slice(0, separator);
    const encoded = entry.slice(separator + 1);
    if (separator < 0 || !KID.test(kid)) {
      throw new KeyringError(
        `encryption key #${index + 1}: expected kid:base64key with a kid of letters, digits, _ or -`,
      );
    }
    if (!BASE64_KEY.test(encoded)) {
      throw new KeyringError(`encryption key "${kid}": expected 32 bytes in base64 (44 characters)`);
    }
    if (keys.has(kid)) throw new KeyringError(`encryption key "${kid}" appears twice`);
    // Node's base64 decoder reads the base64url alphabet too.
    keys.set(kid, Buffer.from(encoded, "base64"));
  }
  return { activeKid: entries[0]!.slice(0, entries[0]!.indexOf(":")), keys };
}

export function encrypt(plaintext: string, keyring: Keyring, aad = ""): string {
  const key = keyFor(keyring, keyring.activeKid, KeyringError);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associatedData(keyring.activeKid, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyring.activeKid, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join(".");
}

/** Opens an envelope sealed with the same `aad`; throws a DecryptionError otherwise. */
export function decrypt(envelope: string, keyring: Keyring, aad = ""): string {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION || !parts.slice(2).every((p) => B64URL.test(p))) {
    throw new DecryptionError("not an encrypted envelope (expected v1.<kid>.<iv>.<tag>.<ciphertext>)");
  }
  const [, kid, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const key = keyFor(keyring, kid, DecryptionError);
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
    throw new DecryptionError("malformed envelope: wrong IV or tag length");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, ivBytes, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(kid, aad));
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new DecryptionError(
      "envelope failed authentication (wrong key, wrong associated data or tampered)",
    );
  }
}

/** A write-only secret as the console and API show it: only its last 4 characters, if it is long enough. */
export function maskSecret(value: string): string {
  // Showing 4 characters of a short secret would reveal too much of it.
  return value.length >= 12 ? `••••${value.slice(-4)}` : "••••";
}

function keyFor(keyring: Keyring, kid: string, ErrorType: new (message: string) => Error): Buffer {
  const key = keyring.keys.get(kid);
  if (!key) throw new ErrorType(`encryption key "${kid}" is not in the keyring (OTPILOT_ENCRYPTION_KEYS)`);
  if (key.length !== KEY_BYTES) throw new KeyringError(`encryption key "${kid}" must be 32 bytes`);
  return key;
}

// Length-prefixing the kid keeps (kid, aad) pairs unambiguous.
function associatedData(kid: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}.${kid.length}.${kid}.${aad}`, "utf8");
}

function b64(bytes: Buffer): string {
  return bytes.toString("base64url");
}
