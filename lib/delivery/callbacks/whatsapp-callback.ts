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
 * A Meta WhatsApp status webhook (POST /api/callbacks/whatsapp[?app=app_…]). The signature is checked
 * before any status is looked at: the app's secret comes from `?app=` (recommended: one lookup by
 * primary key) or else from the attempt the first status names (one lookup). An unknown app or
 * attempt, an app without `appSecret` and a bad signature all answer the same 403, so the answer
 * says nothing about which ids exist. Once verified, statuses are matched in two queries, and only
 * attempts of apps with that same Meta app secret are updated. Returns the HTTP status to answer.
 */
export async function handleWhatsAppCallback(input: { rawBody: string; signature: string | null; appId?: string | null }): Promise<number> {
  if (!input.signature) return 403;
  let payload: MetaWebhook;
  try {
    payload = JSON.parse(input.rawBody) as MetaWebhook;
  } catch {
    return 403; // unsigned garbage and signed garbage read the same from outside
  }
  const statuses = (Array.isArray(payload?.entry) ? payload.entry : [])
    .flatMap((e) => (Array.isArray(e?.changes) ? e.changes : []))
    .flatMap((c) => (Array.isArray(c?.value?.statuses) ? c.value.statuses : []))
    .filter((s): s is MetaStatus => typeof s === "object" && s !== null);

  const secret = await signingSecret(input.appId ?? null, statuses[0]);
  if (!secret || !sameSecret(input.signature, metaSignature(secret, input.rawBody))) return 403;

  const prisma = await db();
  const references = statuses.map((s) => s.biz_opaque_callback_data).filter((r): r is string => typeof r === "string" && isId("dla", r));
  const messageIds = statuses.map((s) => s.id).filter((id): id is string => typeof id === "string");
  const attempts = await prisma.deliveryAttempt.findMany({
    where: { provider: "whatsapp", OR: [{ id: { in: references } }, { providerMessageId: { in: messageIds } }] },
  });
  if (attempts.length === 0) return 200;
  // Only attempts of apps signed for by this same Meta app secret: one app's secret moves no other's messages.
  const verifications = await prisma.verification.findMany({
    where: { id: { in: attempts.map((a) => a.verificationId) } },
    select: { id: true, app: { select: { id: true, providersEncrypted: true } } },
  });
  const signedFor = new Set(
    verifications.filter(({ app }) => sameSecret(readProviders(app).whatsapp?.appSecret ?? null, secret)).map((v) => v.id),
  );
  const found: Array<{ attempt: DeliveryAttempt; status: MetaStatus }> = [];
  for (const status of statuses) {
    const attempt = attempts.find((a) => a.id === status.biz_opaque_callback_data) ?? attempts.find((a) => status.id && a.providerMessageId === status.id);
    if (attempt && signedFor.has(attempt.verificationId)) found.push({ attempt, status });
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

/** The Meta app secret to check the signature with: the named app's, else the first status's app's. */
async function signingSecret(appId: string | null, first: MetaStatus | undefined): Promise<string | null> {
  const prisma = await db();
  if (appId !== null) {
    if (!isId("app", appId)) return null;
    const app = await prisma.app.findUnique({ where: { id: appId }, select: { id: true, providersEncrypted: true } });
    return app ? (readProviders(app).whatsapp?.appSecret ?? null) : null;
  }
  if (!first) return null;
  const reference = first.biz_opaque_callback_data;
  const attempt = typeof reference === "string" && isId("dla", reference)
    ? await prisma.deliveryAttempt.findUnique({ where: { id: reference }, select: { provider: true, verificationId: true } })
    : typeof first.id === "string"
      ? await prisma.deliveryAttempt.findFirst({ where: { provider: "whatsapp", providerMessageId: first.id }, select: { provider: true, verificationId: true } })
      : null;
  if (attempt?.provider !== "whatsapp") return null;
  const verification = await prisma.verification.findUnique({
    where: { id: attempt.verificationId },
    select: { app: { select: { id: true, providersEncrypted: true } } },
  });
  return verification ? (readProviders(verification.app).whatsapp?.appSecret ?? null) : null;
}

/**
 * Meta's subscription handshake (GET with hub.mode=subscribe, hub.verify_token, hub.challenge): echo
 * the challenge when the token is the WhatsApp `verifyToken` of the app named by `?app=`. Without
 * `?app=` it answers 403: finding the app by token would mean decrypting every app's settings for
 * an unauthenticated request.
 */
export async function answerWhatsAppHandshake(query: URLSearchParams): Promise<{ status: number; body: string }> {
  const token = query.get("hub.verify_token");
  const challenge = query.get("hub.challenge");
  if (query.get("hub.mode") !== "subscribe" || !token || !challenge) return { status: 400, body: "" };
  const appId = query.get("app");
  if (!appId || !isId("app", appId)) return { status: 403, body: "" };
  const prisma = await db();
  const app = await prisma.app.findUnique({ where: { id: appId }, select: { id: true, providersEncrypted: true } });
  const expected = app ? readProviders(app).whatsapp?.verifyToken : undefined;
  return expected !== undefined && sameSecret(token, expected) ? { status: 200, body: challenge } : { status: 403, body: "" };
}
