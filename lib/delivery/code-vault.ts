import { serverKeyring } from "@/lib/config/keyring";
import { decrypt, encrypt } from "@/lib/crypto/encryption";

/**
 * The code while a delivery needs it (the worker sends it, retries and falls back with the same
 * code): AES-256-GCM with the verification id as associated data, so it opens only on its own row.
 * The verification keeps `codeEncrypted` only until delivery settles or the verification ends.
 */
export function sealCode(verificationId: string, code: string): string {
  return encrypt(code, serverKeyring(), verificationId);
}

export function openCode(verificationId: string, sealed: string): string {
  return decrypt(sealed, serverKeyring(), verificationId);
}
