import { parseKeyring, type Keyring } from "@/lib/crypto/encryption";
import { serverSecrets } from "./secrets";

let cached: Keyring | undefined;

/** The keyring that encrypts provider credentials, webhook secrets and outbox bodies at rest. */
export function serverKeyring(): Keyring {
  cached ??= parseKeyring(serverSecrets().encryptionKeys);
  return cached;
}
