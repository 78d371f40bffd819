import type { DeliveryAttempt } from "@/lib/generated/prisma/client";
import { readProviders } from "@/lib/apps/app-view";
import { db } from "@/lib/db/client";
import { isId } from "@/lib/ids";
import { applyStatusUpdate, type MessageStatus } from "../apply-status-update";
import { metaSignature, sameSecret } from "./signatures";

type MetaStatus = { id?: string; status?: string; biz_opaque_callback_data?: string; errors?: Array<{ code?: number; title?: string; message?: string }> };
type MetaWebhook = { entry?: Array<{ changes?: Array<{ value?: { statuses?: MetaStatus[] } }> }> };

const STATUS: Record<string, MessageStatus> = { sent: "sent", delivered: "delivered", read: "delivered", failed: "failed" };

/**
 * A Meta WhatsApp status webhook (POST /api/callbacks/whatsapp). Each status names its message by
 * our attempt id (`biz_opaque_callback_data`) or Meta's message id; the app of those attempts must
 * have signed the raw body with its app secret (X-Hub-Signature-256), else 403 and nothing changes.
 * Statuses of attempts we do not know are ignored. Returns the HTTP status to answer.
 */
export async function handleWhatsAppCallback(input: { rawBody: string; signature: string | null }): Promise<number> {
  let payload: MetaWebhook;
  try {
    payload = JSON.parse(input.rawBody) as MetaWebhook;
  } catch {
    return 400;
  }
  const statuses = (payload.entry ?? []).flatMap((e) => e.changes ?? []).flatMap((c) => c.value?.statuses ?? []);
  const prisma = await db();
  const found: Array<{ attempt: DeliveryAttempt; status: MetaStatus }> = [];
  for (const status of statuses) {
    const reference = status.biz_opaque_callback_data;
    const attempt = reference && isId("dla", reference)
      ? await prisma.deliveryAttempt.findUnique({ where: { id: reference } })
      : status.id
        ? await prisma.deliveryAttempt.findFirst({ where: { provider: "whatsapp", providerMessageId: status.id } })
        : null;
    if (attempt?.provider === "whatsapp") found.push({ attempt, status });
  }
  if (found.length === 0) return 200;

  // One Meta app signs the whole body: every attempt it names must belong to an app with that secret.
  const verifications = await prisma.verification.findMany({
    where: { id: { in: found.map((f) => f.attempt.verificationId) } },
    select: { id: true, app: { select: { id: true, providersEncrypted: true } } },
  });
  for (const { app } of verifications) {
    const secret = readProviders(app).whatsapp?.appSecret;
    if (!secret || !sameSecret(input.signature, metaSignature(secret, input.rawBody))) return 403;
  }

  await prisma.$transaction(async (tx) => {
    for (const { attempt, status } of found) {
      const ours = STATUS[status.status ?? ""];
      if (!ours) continue;
      if (!attempt.providerMessageId && status.id) await tx.deliveryAttempt.update({ where: { id: attempt.id }, data: { providerMessageId: status.id } });
      const error = status.errors?.[0];
      await applyStatusUpdate(tx, attempt, ours, ours === "failed" ? { code: error?.code ? `whatsapp_${error.code}` : "failed", message: error?.message ?? error?.title ?? "Meta reported failed" } : undefined);
    }
  });
  return 200;
}

/**
 * Meta's subscription handshake (GET with hub.mode=subscribe, hub.verify_token, hub.challenge): echo
 * the challenge when the token is an app's WhatsApp `verifyToken` (the app named by `?app=`, else any).
 */
export async function answerWhatsAppHandshake(query: URLSearchParams): Promise<{ status: number; body: string }> {
  const token = query.get("hub.verify_token");
  const challenge = query.get("hub.challenge");
  if (query.get("hub.mode") !== "subscribe" || !token || !challenge) return { status: 400, body: "" };
  const appId = query.get("app");
  const prisma = await db();
  const apps = await prisma.app.findMany({
    where: { providersEncrypted: { not: null }, ...(appId ? { id: appId } : {}) },
    select: { id: true, providersEncrypted: true },
    take: 10_000,
  });
  const match = apps.some((app) => {
    const expected = readProviders(app).whatsapp?.verifyToken;
    return expected !== undefined && sameSecret(token, expected);
  });
  return match ? { status: 200, body: challenge } : { status: 403, body: "" };
}
