import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { announceConfigChange } from "./config-version";
import { createApiKey, type CreatedApiKey } from "./create-api-key";

/**
 * Revokes a key; effective on the next request on every instance: instances cache keys only under
 * the tenant's configuration version, which this replaces once the revocation committed.
 */
export async function revokeApiKey(keyId: string, tenantId?: string, actor?: AuditActor): Promise<boolean> {
  const prisma = await db();
  const revoked = await prisma.$transaction(async (tx) => {
    const [key] = await tx.apiKey.updateManyAndReturn({
      where: { id: keyId, ...(tenantId ? { tenantId } : {}), revokedAt: null },
      data: { revokedAt: new Date() },
      select: { tenantId: true },
    });
    if (key && actor) {
      await recordAudit(actor, { action: "api_key.revoked", targetType: "api_key", targetId: keyId }, tx);
    }
    return key ?? null;
  });
  if (revoked) await announceConfigChange(revoked.tenantId);
  return revoked !== null;
}

/**
 * Rolls a key: a new key with the same mode and app restriction, while the old secret keeps
 * working until `oldKeyExpiresAt` (default: in 24 hours) so deployments can switch over.
 */
export async function rollApiKey(
  keyId: string,
  tenantId: string,
  oldKeyExpiresAt: Date = new Date(Date.now() + 24 * 3600_000),
  actor?: AuditActor,
): Promise<CreatedApiKey | null> {
  const prisma = await db();
  const rolled = await prisma.$transaction(async (tx) => {
    const old = await tx.apiKey.findFirst({ where: { id: keyId, tenantId, revokedAt: null } });
    if (!old) return null;
    await tx.apiKey.update({ where: { id: old.id }, data: { expiresAt: oldKeyExpiresAt } });
    const rolled = await createApiKey(tx, {
      tenantId,
      mode: old.mode,
      name: old.name,
      appIds: old.appIds,
      rolledFromId: old.id,
    });
    if (actor) {
      await recordAudit(
        actor,
        {
          action: "api_key.rolled",
          targetType: "api_key",
          targetId: old.id,
          data: { newKeyId: rolled.keyId, oldKeyExpiresAt: oldKeyExpiresAt.toISOString() },
        },
        tx,
      );
    }
    return rolled;
  });
  // The old key's new expiry must reach the instances that cached it.
  if (rolled) await announceConfigChange(tenantId);
  return rolled;
}
