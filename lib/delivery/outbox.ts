import type { Prisma } from "@/lib/generated/prisma/client";
import { serverKeyring } from "@/lib/config/keyring";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";

/**
 * The outbox (CONTRACT §6): where test-mode messages go. A body holds a code, so it is stored
 * encrypted (with the message id as associated data); the API decrypts it for the tenant's tests.
 */
export async function writeOutboxMessage(
  tx: Prisma.TransactionClient,
  message: { tenantId: string; appId: string; verificationId: string; to: string; channel: "sms" | "whatsapp"; body: string },
): Promise<string> {
  const id = newId("msg");
  await tx.outboxMessage.create({
    data: {
      id,
      tenantId: message.tenantId,
      appId: message.appId,
      verificationId: message.verificationId,
      to: message.to,
      channel: message.channel,
      bodyEncrypted: encrypt(message.body, serverKeyring(), id),
    },
  });
  return id;
}

export type OutboxEntry = { id: string; to: string; channel: string; body: string; createdAt: string; verificationId: string | null };

/**
 * The outbox a principal may read: its tenant's messages, only of the apps the key may act on (a
 * message holds a code). Every outbox message comes from a test-mode send, so the caller (route or
 * console) lets only test mode read it.
 */
export async function listOutbox(
  principal: Pick<ApiKeyPrincipal, "tenantId" | "appIds">,
  options: { recipient?: string; limit: number },
): Promise<OutboxEntry[]> {
  const prisma = await db();
  const rows = await prisma.outboxMessage.findMany({
    where: {
      tenantId: principal.tenantId,
      ...(principal.appIds.length ? { appId: { in: principal.appIds } } : {}),
      ...(options.recipient ? { to: options.recipient } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit,
  });
  return rows.map((row) => ({
    id: row.id,
    to: row.to,
    channel: row.channel,
    body: decrypt(row.bodyEncrypted, serverKeyring(), row.id),
    createdAt: row.createdAt.toISOString(),
    verificationId: row.verificationId,
  }));
}
