import { db } from "@/lib/db/client";

/** Until when the app's previous signing secret still signs after a roll; null when none does. */
export async function webhookSecretGraceUntil(tenantId: string, appId: string, now = new Date()): Promise<string | null> {
  const prisma = await db();
  const app = await prisma.app.findFirst({ where: { id: appId, tenantId }, select: { webhookSecretPreviousExpiresAt: true } });
  const until = app?.webhookSecretPreviousExpiresAt;
  return until && until > now ? until.toISOString() : null;
}
