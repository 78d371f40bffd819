import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { hashSecret, SECRET_HASH_ALGORITHM } from "./hash-secret";
import { DISPLAY_START_LENGTH, generateKeyString, type KeyMode } from "./secret-format";

export type CreatedApiKey = { keyId: string; secret: string; mode: KeyMode; start: string };

/**
 * Creates a secret API key. The secret is returned once, here; only its hash is stored.
 * Takes a transaction client so tenant creation can make keys atomically with the tenant.
 */
export async function createApiKey(
  tx: Prisma.TransactionClient,
  input: { tenantId: string; mode: KeyMode; name?: string; appIds?: string[]; expiresAt?: Date; rolledFromId?: string },
): Promise<CreatedApiKey> {
  const secret = generateKeyString("secret", input.mode);
  const key = await tx.apiKey.create({
    data: {
      id: newId("key"),
      tenantId: input.tenantId,
      name: input.name ?? `${input.mode} key`,
      mode: input.mode,
      secretHash: hashSecret(secret),
      hashAlgorithm: SECRET_HASH_ALGORITHM,
      start: secret.slice(0, DISPLAY_START_LENGTH),
      appIds: input.appIds ?? [],
      expiresAt: input.expiresAt,
      rolledFromId: input.rolledFromId,
    },
    select: { id: true, start: true },
  });
  return { keyId: key.id, secret, mode: input.mode, start: key.start };
}

export async function createPublishableKey(
  tx: Prisma.TransactionClient,
  input: { tenantId: string; appId: string; mode: KeyMode },
): Promise<string> {
  const key = generateKeyString("publishable", input.mode);
  await tx.publishableKey.create({
    data: { id: newId("pk"), tenantId: input.tenantId, appId: input.appId, mode: input.mode, key },
  });
  return key;
}
