import { randomBytes } from "node:crypto";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { serverKeyring } from "@/lib/config/keyring";
import type { App, Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** How long a rolled-away secret keeps signing next to the new one. */
export const SECRET_ROLL_GRACE_MS = 24 * 60 * 60 * 1000;

type SecretColumns = Pick<App, "id" | "webhookSecretEncrypted" | "webhookSecretPreviousEncrypted" | "webhookSecretPreviousExpiresAt">;

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

// The app id is the associated data, so a ciphertext copied to another app does not open; the
// column name is added for the previous secret, so the two columns cannot be swapped either.
export const sealCurrent = (appId: string, secret: string) => encrypt(secret, serverKeyring(), appId);
export const sealPrevious = (appId: string, secret: string) => encrypt(secret, serverKeyring(), `${appId}.previous`);

/**
 * The secrets that sign a delivery now: the current one, and the previous one while its grace after
 * a roll lasts. Null current secret: the app has none yet (ensureWebhookSecret creates it).
 */
export function signingSecrets(app: SecretColumns, now = new Date()): { current: string | null; previous: string | null } {
  const current = app.webhookSecretEncrypted ? decrypt(app.webhookSecretEncrypted, serverKeyring(), app.id) : null;
  const inGrace = app.webhookSecretPreviousEncrypted && app.webhookSecretPreviousExpiresAt && app.webhookSecretPreviousExpiresAt > now;
  const previous = inGrace ? decrypt(app.webhookSecretPreviousEncrypted!, serverKeyring(), `${app.id}.previous`) : null;
  return { current, previous };
}

/**
 * The app's current secret, created on first need. Two first callers at once agree: only the write
 * that finds the column empty lands, and both read back the winner.
 */
export async function ensureWebhookSecret(prisma: PrismaClient | Prisma.TransactionClient, app: SecretColumns): Promise<string> {
  const existing = signingSecrets(app).current;
  if (existing) return existing;
  await prisma.app.updateMany({
    where: { id: app.id, webhookSecretEncrypted: null },
    data: { webhookSecretEncrypted: sealCurrent(app.id, generateWebhookSecret()) },
  });
  const stored = await prisma.app.findUniqueOrThrow({ where: { id: app.id } });
  return signingSecrets(stored).current!;
}
