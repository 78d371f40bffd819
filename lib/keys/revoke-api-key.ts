import { db } from "@/lib/db/client";
import { createApiKey, type CreatedApiKey } from "./create-api-key";

/** Revokes a key; effective on the next request (authentication reads the key every time). */
export async function revokeApiKey(keyId: string, tenantId?: string): Promise<boolean> {
  const prisma = await db();
  const result = await prisma.apiKey.updateMany({
    where: { id: keyId, ...(tenantId ? { tenantId } : {}), revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return result.count === 1;
}

/**
 * Rolls a key: a new key with the same mode and app restriction, while the old secret keeps
 * working until `oldKeyExpiresAt` (default: in 24 hours) so deployments can switch over.
 */
export async function rollApiKey(
  keyId: string,
  tenantId: string,
  oldKeyExpiresAt: Date = new Date(Date.now() + 24 * 3600_000),
): Promise<CreatedApiKey | null> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const old = await tx.apiKey.findFirst({ where: { id: keyId, tenantId, revokedAt: null } });
    if (!old) return null;
    await tx.apiKey.update({ where: { id: old.id }, data: { expiresAt: oldKeyExpiresAt } });
    return createApiKey(tx, {
      tenantId,
      mode: old.mode,
      name: old.name,
      appIds: old.appIds,
      rolledFromId: old.id,
    });
  });
}
