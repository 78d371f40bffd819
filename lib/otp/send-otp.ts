import type { App, Prisma, Verification } from "@/lib/generated/prisma/client";
import { serverSecrets } from "@/lib/config/secrets";
import { db, writeStatement } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/direct-sql";
import { planDelivery } from "@/lib/delivery/plan-delivery";
import { planDeliveryStart } from "@/lib/delivery/start-delivery";
import { eventData } from "@/lib/events/event-sql";
import { verificationView, type VerificationView } from "@/lib/events/verification-view";
import { notFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";
import { generateCode, hashCode, type CodeAlphabet } from "./code";
import { enforceSendLimits } from "./enforce-send-limits";
import type { LimitGate } from "./limit-gate";
import { assertCanMessage, resolveApp, resolveRecipient } from "./resolve-target";
import { assertCodeLengthFits, type SendOtpInput } from "./schemas";
import { leaveVerificationHint } from "./verification-hint";
import { CREATED, isPendingConflict, writeSend, type NewVerification } from "./send-statement";

export type SendOtpResult = VerificationView & { code?: string };

/**
 * Who started a send: the API (default), the hosted widget (with the origin that embedded it), or a
 * compatibility route (`compat:<style>`, CONTRACT §12).
 */
export type SendOrigin = { source?: "api" | "widget" | `compat:${string}`; widgetOrigin?: string | null };

// Concurrent sends to one recipient: each lost race means another send just won, so a few suffice.
const SEND_TRIES = 8;

/**
 * Starts a verification: checks the app's rules and limits, cancels the recipient's pending
 * verification in this app, stores a new one with only the code's hash, and hands the message to
 * delivery — all state changes and their events in one statement (send-statement.ts), in a
 * transaction only when a job or webhook deliveries join it.
 */
export async function sendOtp(
  principal: ApiKeyPrincipal,
  input: SendOtpInput,
  limits: LimitGate,
  origin: SendOrigin = {},
): Promise<SendOtpResult> {
  const app = await resolveApp(principal, input.appId);
  const recipient = resolveRecipient(input);
  const plan = planDelivery(app, principal.mode, input.channel);
  const channel = plan.channel;
  assertCanMessage(app, recipient, channel);
  const template = await findTemplate(app, input.templateId);

  const codeLength = input.codeLength ?? app.codeLength;
  const alphabet = input.alphabet ?? (app.alphabet as CodeAlphabet);
  // Refused before any limit is spent: a bad request changes nothing.
  assertCodeLengthFits(codeLength, alphabet);

  const id = newId("ver");
  const ttl = input.ttl ?? app.ttl;
  // The verify hint shares the limits' round trip; a send the limits refuse leaves one that expires unused.
  await Promise.all([
    enforceSendLimits(limits, app, recipient),
    leaveVerificationHint({ id, tenantId: principal.tenantId, mode: principal.mode, appId: app.id, recipient: recipient.e164, alphabet }, ttl),
  ]);

  const code = generateCode(codeLength, alphabet);
  const now = new Date();
  const source = origin.source ?? "api";

  const verification: NewVerification = {
    id,
    tenantId: principal.tenantId,
    appId: app.id,
    mode: principal.mode,
    recipient: recipient.e164,
    country: recipient.country,
    requestedChannel: input.channel ?? channel,
    channel,
    startChannel: channel,
    codeHash: hashCode(code, serverSecrets().codePepper, id),
    alphabet,
    codeLength,
    maxAttempts: app.maxAttempts,
    sendCount: 1,
    maxSends: app.maxSends,
    locale: input.locale ?? null,
    recipientName: input.name ?? null,
    templateId: template?.id ?? null,
    externalId: input.externalId ?? null,
    metadata: (input.metadata ?? {}) as Prisma.JsonObject,
    expiresAt: new Date(now.getTime() + ttl * 1000),
    resendAvailableAt: new Date(now.getTime() + app.resendCooldown * 1000),
    source,
    widgetOrigin: origin.widgetOrigin ?? null,
    createdAt: now,
  };
  // Ids first: they sort the send's events in the log (same time, ids in order of happening).
  const events = { replacedId: newId("evt"), createdId: newId("evt") };
  const prisma = await db();
  const delivery = await planDeliveryStart(prisma, {
    app,
    verification,
    from: CREATED,
    code,
    template,
    plan,
    at: now,
    configVersion: principal.configVersion,
  });
  const write = (client: SqlRunner) =>
    writeSend(client, {
      verification,
      delivery,
      events,
      replacedData: { reason: "replaced", replacedBy: id },
      createdData: eventData({ channel, country: recipient.country, mode: principal.mode }, source),
    });

  // What must commit with the write: the delivery's job (a provider send) and webhook deliveries.
  const join =
    delivery.afterWrite || app.webhookUrl
      ? async (tx: Prisma.TransactionClient, result: Awaited<ReturnType<typeof writeSend>>) => {
          await delivery.afterWrite?.(tx);
          if (!app.webhookUrl) return;
          const owed = [
            ...(result.replacedId ? [{ id: events.replacedId, type: "verification.canceled", verificationId: result.replacedId }] : []),
            { id: events.createdId, type: "verification.created", verificationId: id },
            ...delivery.events.map((e) => ({ ...e, verificationId: id })),
          ];
          for (const event of owed) {
            await enqueueWebhook(tx, { ...event, tenantId: principal.tenantId, appId: app.id, at: now }, app);
          }
        }
      : undefined;
  let written: Awaited<ReturnType<typeof writeSend>> | undefined;
  for (let attempt = 1; !written; attempt++) {
    try {
      written = await writeStatement(write, join);
    } catch (error) {
      if (attempt >= SEND_TRIES || !isPendingConflict(error)) throw error;
    }
  }
  delivery.committed();

  const stored: Verification = {
    ...verification,
    ...delivery.columns,
    status: "pending",
    attempts: 0,
    verifiedAt: null,
    endedAt: null,
    updatedAt: now,
    isNewRecipient: written.isNewRecipient,
  };
  const view = verificationView(stored);
  return app.exposeCode ? { ...view, code } : view;
}

async function findTemplate(app: App, templateId: string | undefined) {
  if (!templateId) return null;
  const prisma = await db();
  const template = await prisma.template.findFirst({ where: { id: templateId, appId: app.id } });
  if (!template) throw notFound("template");
  return template;
}
