import { Prisma, type Verification } from "@/lib/generated/prisma/client";
import { serverSecrets } from "@/lib/config/secrets";
import { db } from "@/lib/db/client";
import { planDelivery } from "@/lib/delivery/plan-delivery";
import { planDeliveryStart, type DeliveryStart } from "@/lib/delivery/start-delivery";
import { EVENT_COLUMNS, eventData } from "@/lib/events/event-sql";
import { verificationView } from "@/lib/events/verification-view";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { countInRollupSql, firstDeliveryOf } from "@/lib/reports/rollup";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";
import { assertOpen } from "./assert-open";
import { generateCode, hashCode, type CodeAlphabet } from "./code";
import { enforceSendLimits } from "./enforce-send-limits";
import { findVerification, settleExpiry } from "./find-verification";
import { leaveVerificationHint } from "./verification-hint";
import type { LimitGate } from "./limit-gate";
import { assertCanMessage, resolveApp, resolveRecipient } from "./resolve-target";

/**
 * Sends a fresh code for the same verification: the previous code stops working, `sendCount`
 * goes up, `attempts` stays (a resend never buys more guesses), and the new code gets a full ttl.
 */
export async function resendOtp(
  principal: ApiKeyPrincipal,
  input: { id: string; channel?: "sms" | "whatsapp" | "auto" },
  limits: LimitGate,
) {
  const verification = await settleExpiry(await findVerification(principal, input.id));
  assertOpen(verification);
  const prisma = await db();
  const app = await resolveApp(principal, verification.appId);

  const now = new Date();
  if (verification.resendAvailableAt > now) {
    const retryAfter = Math.max(
      1,
      Math.ceil((verification.resendAvailableAt.getTime() - now.getTime()) / 1000),
    );
    throw new ApiError(
      "rate_limited",
      `Wait ${retryAfter} s before sending another code.`,
      { retryAfter, reason: "resend_cooldown" },
      // The cooldown is the limit that refused: one send per cooldown, none left until it ends.
      { "Retry-After": String(retryAfter), ...refusedBy(1, retryAfter) },
    );
  }
  if (verification.sendCount >= verification.maxSends) {
    throw new ApiError(
      "rate_limited",
      `This verification already sent ${verification.maxSends} codes. Start a new verification later.`,
      {
        retryAfter: Math.max(1, Math.ceil((verification.expiresAt.getTime() - now.getTime()) / 1000)),
        reason: "max_sends",
      },
      {
        "Retry-After": String(
          Math.max(1, Math.ceil((verification.expiresAt.getTime() - now.getTime()) / 1000)),
        ),
        ...refusedBy(verification.maxSends, Math.max(1, Math.ceil((verification.expiresAt.getTime() - now.getTime()) / 1000))),
      },
    );
  }

  // No channel given: the channel the verification was started on, without fallback.
  const plan = planDelivery(app, principal.mode, input.channel ?? verification.channel);
  const channel = plan.channel;
  const recipient = resolveRecipient({ recipient: verification.recipient });
  assertCanMessage(app, recipient, channel);
  // The new code gets a full ttl, so does the verify hint (in the limits' round trip).
  const hinted = { ...verification, alphabet: verification.alphabet as CodeAlphabet };
  await Promise.all([enforceSendLimits(limits, app, recipient), leaveVerificationHint(hinted, app.ttl)]);

  const code = generateCode(verification.codeLength, verification.alphabet as CodeAlphabet);
  const template = verification.templateId
    ? await prisma.template.findUnique({ where: { id: verification.templateId } })
    : null;
  const changes = {
    codeHash: hashCode(code, serverSecrets().codePepper, verification.id),
    sendCount: verification.sendCount + 1,
    channel,
    expiresAt: new Date(now.getTime() + app.ttl * 1000),
    resendAvailableAt: new Date(now.getTime() + app.resendCooldown * 1000),
    updatedAt: now,
  };
  // Before the delivery's: event ids sort events of one moment in the log.
  const resentEvent = { id: newId("evt"), type: "verification.resent" as const };
  const delivery = await planDeliveryStart(prisma, {
    app,
    verification: { ...verification, ...changes },
    from: RESENT,
    code,
    template,
    plan,
    at: now,
    configVersion: principal.configVersion,
  });
  const write = (client: Prisma.TransactionClient) =>
    writeResend(client, { verification, changes, delivery, eventId: resentEvent.id, at: now });
  const resent =
    delivery.afterWrite || app.webhookUrl
      ? await prisma.$transaction(async (tx) => {
          if (!(await write(tx))) return false;
          await delivery.afterWrite?.(tx);
          if (app.webhookUrl) {
            for (const event of [resentEvent, ...delivery.events]) {
              const owed = { ...event, tenantId: verification.tenantId, appId: app.id, verificationId: verification.id, at: now };
              await enqueueWebhook(tx, owed, app);
            }
          }
          return true;
        })
      : await write(prisma);
  if (!resent) {
    throw new ApiError(
      "rate_limited",
      "Another resend of this verification is in progress.",
      { retryAfter: 1 },
      { "Retry-After": "1" },
    );
  }
  delivery.committed();
  const view = verificationView({ ...verification, ...changes, ...delivery.columns });
  return app.exposeCode ? { ...view, code } : view;
}

const RESENT = Prisma.raw("resent");

/**
 * A resend's whole write, as one statement: the new code's hash and the delivery's final state on the
 * verification, conditional on the sendCount we read (two concurrent resends cannot both issue a
 * code: the second one's update waits on the row, then finds sendCount moved and matches nothing, so
 * none of the rows below are written), the `verification.resent` event, the delivery's rows and,
 * when the outbox delivered it, `delivered` in the rollups if this is the verification's first
 * delivered message. An inline (outbox) delivery has no concurrent worker delivery of the same
 * verification to race with: its earlier sends were inline too. Returns whether it resent.
 */
/** The id of the `message.delivered` event an inline delivery writes. */
function deliveredEventId(delivery: DeliveryStart): string {
  return delivery.events.find((e) => e.type === "message.delivered")!.id;
}

async function writeResend(
  client: Prisma.TransactionClient,
  input: {
    verification: Verification;
    changes: { codeHash: string; sendCount: number; channel: string; expiresAt: Date; resendAvailableAt: Date };
    delivery: DeliveryStart;
    eventId: string;
    at: Date;
  },
): Promise<boolean> {
  const { verification: v, changes: c, delivery, at } = input;
  const d = delivery.columns;
  const rows = [...delivery.rows];
  if (delivery.delivered) rows.push(countInRollupSql("delivered", firstDeliveryOf(Prisma.sql`(SELECT "id" FROM ${RESENT})`, deliveredEventId(delivery))));
  const ctes = rows.map((sql, i) => Prisma.sql`, ${Prisma.raw(`delivery_${i}`)} AS (${sql})`);
  const result = await client.$queryRaw<{ id: string }[]>`
    WITH ${RESENT} AS (
      UPDATE "Verification"
         SET "codeHash" = ${c.codeHash}, "sendCount" = ${c.sendCount}, "channel" = ${c.channel}::"Channel",
             "expiresAt" = ${c.expiresAt}::timestamp, "resendAvailableAt" = ${c.resendAvailableAt}::timestamp,
             "deliveryPlan" = ${d.deliveryPlan}::text[]::"Channel"[], "deliveryStep" = 0,
             "deliveryStatus" = ${d.deliveryStatus}::"DeliveryStatus", "deliveryChannel" = ${d.deliveryChannel}::"Channel",
             "deliveryProvider" = ${d.deliveryProvider}, "deliveryUpdatedAt" = ${d.deliveryUpdatedAt}::timestamp,
             "codeEncrypted" = ${d.codeEncrypted}, "updatedAt" = ${at}::timestamp
       WHERE "id" = ${v.id} AND "status" = 'pending' AND "sendCount" = ${v.sendCount}
   RETURNING "id"
    ), resent_event AS (
      INSERT INTO "Event" ${EVENT_COLUMNS}
      SELECT ${input.eventId}, ${v.tenantId}, ${v.appId}, w."id", ${v.mode}::"KeyMode", 'verification.resent',
             ${JSON.stringify(eventData({ sendCount: c.sendCount, channel: c.channel }, v.source))}::jsonb, ${at}::timestamp
        FROM ${RESENT} w
    )${Prisma.join(ctes, "")}
    SELECT "id" FROM ${RESENT}`;
  return result.length === 1;
}

/** RateLimit-* headers of a per-verification limit that refused a resend (CONTRACT §5). */
function refusedBy(limit: number, resetSeconds: number): Record<string, string> {
  return { "RateLimit-Limit": String(limit), "RateLimit-Remaining": "0", "RateLimit-Reset": String(resetSeconds) };
}
