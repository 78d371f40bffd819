import type { App, Prisma } from "@/lib/generated/prisma/client";
import { serverSecrets } from "@/lib/config/secrets";
import { db } from "@/lib/db/client";
import { planDelivery } from "@/lib/delivery/plan-delivery";
import { startDelivery } from "@/lib/delivery/start-delivery";
import { notFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { generateCode, hashCode, type CodeAlphabet } from "./code";
import { enforceSendLimits } from "./enforce-send-limits";
import { recordEvent } from "./events";
import type { LimitGate } from "./limit-gate";
import { assertCanMessage, resolveApp, resolveRecipient } from "./resolve-target";
import { assertCodeLengthFits, type SendOtpInput } from "./schemas";
import { verificationView, type VerificationView } from "./verification-view";

export type SendOtpResult = VerificationView & { code?: string };

/**
 * Who started a send: the API (default), the hosted widget (with the origin that embedded it), or a
 * compatibility route (`compat:<style>`, CONTRACT §12).
 */
export type SendOrigin = { source?: "api" | "widget" | `compat:${string}`; widgetOrigin?: string | null };

/**
 * Starts a verification: checks the app's rules and limits, cancels the recipient's pending
 * verification in this app, stores a new one with only the code's hash, and hands the message to
 * delivery — all state changes and their events in one transaction.
 */
export async function sendOtp(
  principal: ApiKeyPrincipal,
  input: SendOtpInput,
  limits: LimitGate,
  origin: SendOrigin = {},
): Promise<SendOtpResult> {
  const app = await resolveApp(principal, input.appId);
  const recipient = resolveRecipient(input);
  const delivery = planDelivery(app, principal.mode, input.channel);
  const channel = delivery.channel;
  assertCanMessage(app, recipient, channel);
  const template = await findTemplate(app, input.templateId);

  const codeLength = input.codeLength ?? app.codeLength;
  const alphabet = input.alphabet ?? (app.alphabet as CodeAlphabet);
  // Refused before any limit is spent: a bad request changes nothing.
  assertCodeLengthFits(codeLength, alphabet);

  await enforceSendLimits(limits, app, recipient);

  const code = generateCode(codeLength, alphabet);
  const id = newId("ver");
  const now = new Date();
  const ttl = input.ttl ?? app.ttl;

  const prisma = await db();
  const verification = await prisma.$transaction(async (tx) => {
    // One send at a time per app, mode and recipient, so "cancel the pending one, then create" cannot
    // interleave with a concurrent send and leave two pending verifications.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`send:${app.id}:${principal.mode}:${recipient.e164}`}, 0))`;
    await cancelPending(tx, app, principal.mode, recipient.e164, id);
    const known = await tx.recipient.findUnique({
      where: { tenantId_phone: { tenantId: principal.tenantId, phone: recipient.e164 } },
      select: { id: true },
    });
    const created = await tx.verification.create({
      data: {
        id,
        tenantId: principal.tenantId,
        appId: app.id,
        mode: principal.mode,
        recipient: recipient.e164,
        country: recipient.country,
        requestedChannel: input.channel ?? channel,
        channel,
        codeHash: hashCode(code, serverSecrets().codePepper, id),
        alphabet,
        codeLength,
        maxAttempts: app.maxAttempts,
        maxSends: app.maxSends,
        locale: input.locale,
        recipientName: input.name,
        templateId: template?.id,
        externalId: input.externalId,
        metadata: (input.metadata ?? {}) as Prisma.InputJsonObject,
        isNewRecipient: !known,
        expiresAt: new Date(now.getTime() + ttl * 1000),
        resendAvailableAt: new Date(now.getTime() + app.resendCooldown * 1000),
        deliveryChannel: channel,
        deliveryProvider: delivery.provider,
        createdAt: now,
        deliveryUpdatedAt: now,
        source: origin.source ?? "api",
        widgetOrigin: origin.widgetOrigin ?? null,
      },
    });
    await recordEvent(
      tx,
      {
        tenantId: principal.tenantId,
        appId: app.id,
        verificationId: id,
        type: "verification.created",
        data: { channel, country: recipient.country, mode: principal.mode },
      },
      app,
    );
    return startDelivery(tx, { app, verification: created, code, template, plan: delivery });
  });

  const view = verificationView(verification);
  return app.exposeCode ? { ...view, code } : view;
}

/** Cancels the recipient's pending verification in this app and mode (its code stops working). */
async function cancelPending(
  tx: Prisma.TransactionClient,
  app: App,
  mode: ApiKeyPrincipal["mode"],
  recipient: string,
  replacedBy: string,
): Promise<void> {
  const pending = await tx.verification.findMany({
    // A test send never touches a live verification of the same number (nor the reverse).
    where: { appId: app.id, mode, recipient, status: "pending" },
    select: { id: true },
  });
  if (pending.length === 0) return;
  const now = new Date();
  await tx.verification.updateMany({
    where: { id: { in: pending.map((p) => p.id) }, status: "pending" },
    data: { status: "canceled", endedAt: now },
  });
  for (const { id } of pending) {
    await recordEvent(
      tx,
      {
        tenantId: app.tenantId,
        appId: app.id,
        verificationId: id,
        type: "verification.canceled",
        data: { reason: "replaced", replacedBy },
      },
      app,
    );
  }
}

async function findTemplate(app: App, templateId: string | undefined) {
  if (!templateId) return null;
  const prisma = await db();
  const template = await prisma.template.findFirst({ where: { id: templateId, appId: app.id } });
  if (!template) throw notFound("template");
  return template;
}
