import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { announceConfigChange } from "@/lib/keys/config-version";
import { assertLiveKey, requireApp } from "@/lib/keys/require-app";
import {
  generateWebhookSecret,
  SECRET_ROLL_GRACE_MS,
  sealCurrent,
  sealPrevious,
  signingSecrets,
} from "./webhook-secrets";

/**
 * `POST /api/v1/apps/{id}/webhook-secret`: a new signing secret. For 24 hours the replaced one still
 * signs too (webhook-signature then carries two `v1,` signatures), so a receiver can switch secrets
 * without rejecting deliveries in between. Rolling again within the grace replaces the previous one.
 */
export async function rollWebhookSecret(
  principal: ApiKeyPrincipal,
  appId: string,
  actor: AuditActor,
  now = new Date(),
): Promise<{ secret: string; previousSecretExpiresAt: string | null }> {
  await requireApp(principal, appId);
  assertLiveKey(principal, "roll the webhook signing secret");
  const prisma = await db();
  const rolled = await prisma.$transaction(async (tx) => {
    // FOR UPDATE: two concurrent rolls must not both demote the same secret.
    const locked = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "App" WHERE id = ${appId} AND "tenantId" = ${principal.tenantId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("app");
    const app = await tx.app.findUniqueOrThrow({ where: { id: appId } });
    const replaced = signingSecrets(app, now).current;
    const secret = generateWebhookSecret();
    const previousExpiresAt = replaced ? new Date(now.getTime() + SECRET_ROLL_GRACE_MS) : null;
    await tx.app.update({
      where: { id: appId },
      data: {
        webhookSecretEncrypted: sealCurrent(appId, secret),
        webhookSecretPreviousEncrypted: replaced ? sealPrevious(appId, replaced) : null,
        webhookSecretPreviousExpiresAt: previousExpiresAt,
      },
    });
    await recordAudit(actor, { action: "webhook.secret_rolled", targetType: "webhook", targetId: appId }, tx);
    return { secret, previousSecretExpiresAt: previousExpiresAt?.toISOString() ?? null };
  });
  // requireApp serves cached apps: the new secret must reach every instance's next request.
  await announceConfigChange(principal.tenantId);
  return rolled;
}
