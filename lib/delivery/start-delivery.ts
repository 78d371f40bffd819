import { Prisma, type App, type Template } from "@/lib/generated/prisma/client";
import { serverKeyring } from "@/lib/config/keyring";
import { encrypt } from "@/lib/crypto/encryption";
import { EVENT_COLUMNS, eventData, eventValues } from "@/lib/events/event-sql";
import type { EventType } from "@/lib/events/event-types";
import { newId } from "@/lib/ids";
import { recordDeliveryOutcome } from "@/lib/metrics/record";
import { sealCode } from "./code-vault";
import { attemptKey, enqueueAttempt, type AttemptRef } from "./delivery-jobs";
import type { DeliveryPlan } from "./plan-delivery";
import { prepareMessage } from "./prepare-message";
import { testBehaviour } from "./test-numbers";

/** The delivery columns a send (or resend) writes on its verification, in their final state. */
export type DeliveryColumns = {
  deliveryPlan: DeliveryPlan["channels"];
  deliveryStep: 0;
  deliveryStatus: "queued" | "delivered";
  deliveryChannel: DeliveryPlan["channel"];
  deliveryProvider: string;
  deliveryUpdatedAt: Date;
  codeEncrypted: string | null;
};

/**
 * How a send's code gets delivered, decided before its statement runs, so the verification is written
 * once in its final state and the delivery's rows go into the same statement:
 *
 * - Test mode (the outbox) delivers inline: the outbox message, the attempt (already `delivered`) and
 *   `message.sent` / `message.delivered` are written by the send's own statement (`rows`), so the
 *   message is in the outbox when the send commits and `delivery.status` says `delivered` truthfully.
 *   Magic test numbers go through the queue like a live message, so their failures, retries and
 *   fallbacks happen as they would live.
 * - Otherwise the code is sealed on the verification and `afterWrite` enqueues a `delivery.attempt`
 *   job in the send's transaction; the worker sends it after commit.
 */
export type DeliveryStart = {
  columns: DeliveryColumns;
  /** whether the statement delivers the message (the rollup counts `delivered` with `sent`) */
  delivered: boolean;
  /** CTE bodies to add to the statement; each inserts its rows only when the verification's CTE returns its row */
  rows: Prisma.Sql[];
  /** the events the statement writes for the delivery, in order (ids for webhooks) */
  events: { id: string; type: EventType }[];
  /** work after the statement, in its transaction (the job); null when there is none */
  afterWrite: ((tx: Prisma.TransactionClient) => Promise<void>) | null;
  /** to call once the statement committed (metrics) */
  committed: () => void;
};

export async function planDeliveryStart(
  client: Prisma.TransactionClient,
  input: {
    app: Pick<App, "id" | "name" | "defaultLocale">;
    /** the verification as the statement writes it */
    verification: {
      id: string;
      tenantId: string;
      mode: string;
      recipient: string;
      country: string;
      locale: string | null;
      recipientName: string | null;
      widgetOrigin: string | null;
      source: string;
      expiresAt: Date;
      sendCount: number;
    };
    /** the CTE of the statement that returns the written verification (its rows' FK needs it first) */
    from: Prisma.Sql;
    code: string;
    template: Template | null;
    plan: DeliveryPlan;
    at: Date;
    /** the request's configuration version (ApiKeyPrincipal.configVersion), for the template cache */
    configVersion?: string | null;
  },
): Promise<DeliveryStart> {
  const { verification: v, plan, at, code } = input;
  const ref: AttemptRef = { verificationId: v.id, sendNumber: v.sendCount, step: 0, try: 0 };
  const inline = plan.provider === "outbox" && !testBehaviour(v.recipient);
  const columns: DeliveryColumns = {
    deliveryPlan: plan.channels,
    deliveryStep: 0,
    deliveryStatus: inline ? "delivered" : "queued",
    deliveryChannel: plan.channel,
    deliveryProvider: plan.provider,
    deliveryUpdatedAt: at,
    codeEncrypted: inline ? null : sealCode(v.id, code),
  };
  if (!inline) {
    return {
      columns,
      delivered: false,
      rows: [],
      events: [],
      afterWrite: (tx) => enqueueAttempt(tx, ref),
      committed: () => {},
    };
  }

  const message = await prepareMessage(client, {
    app: input.app,
    channel: plan.channel,
    code,
    expiresAt: v.expiresAt,
    locale: v.locale,
    country: v.country,
    recipientName: v.recipientName,
    widgetOrigin: v.widgetOrigin,
    template: input.template,
    configVersion: input.configVersion,
  });
  const messageId = newId("msg");
  const attemptId = newId("dla");
  const facts = eventData({ channel: plan.channel, provider: "outbox", attemptId }, v.source);
  const events = [
    { id: newId("evt"), type: "message.sent" as const },
    { id: newId("evt"), type: "message.delivered" as const },
  ];
  const base = { tenantId: v.tenantId, appId: input.app.id, verificationId: v.id, mode: v.mode, data: facts, at };
  return {
    columns,
    delivered: true,
    rows: [
      outboxMessageRow({
        id: messageId,
        tenantId: v.tenantId,
        appId: input.app.id,
        to: v.recipient,
        channel: plan.channel,
        body: message.body,
        at,
        from: input.from,
      }),
      deliveredAttemptRow({ id: attemptId, tenantId: v.tenantId, ref, channel: plan.channel, providerMessageId: messageId, at, from: input.from }),
      Prisma.sql`
        INSERT INTO "Event" ${EVENT_COLUMNS}
        SELECT e.* FROM (VALUES ${Prisma.join(events.map((e) => eventValues({ ...base, id: e.id, type: e.type })))}) AS e
         WHERE EXISTS (SELECT 1 FROM ${input.from})`,
    ],
    events,
    afterWrite: null,
    committed: () => recordDeliveryOutcome("outbox", plan.channel, { result: { status: "delivered" } }),
  };
}

/**
 * The outbox message (CONTRACT §6). Its body holds a code, so it is stored encrypted with the
 * message id as associated data, as lib/delivery/outbox.ts writes and reads it.
 */
function outboxMessageRow(m: {
  id: string;
  tenantId: string;
  appId: string;
  to: string;
  channel: string;
  body: string;
  at: Date;
  from: Prisma.Sql;
}): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "OutboxMessage" ("id", "tenantId", "appId", "verificationId", "to", "channel", "bodyEncrypted", "createdAt")
    SELECT ${m.id}, ${m.tenantId}, ${m.appId}, w."id", ${m.to}, ${m.channel}::"Channel",
           ${encrypt(m.body, serverKeyring(), m.id)}, ${m.at}::timestamp
      FROM ${m.from} w`;
}

/**
 * The attempt of an inline outbox delivery, written finished and `delivered` (the outbox cannot
 * fail for an ordinary number), under the same idempotency key a queued attempt would have.
 */
function deliveredAttemptRow(a: {
  id: string;
  tenantId: string;
  ref: AttemptRef;
  channel: string;
  providerMessageId: string;
  at: Date;
  from: Prisma.Sql;
}): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "DeliveryAttempt" ("id", "tenantId", "verificationId", "channel", "provider", "status", "providerMessageId",
                                   "idempotencyKey", "sendNumber", "step", "try", "finishedAt", "createdAt", "updatedAt")
    SELECT ${a.id}, ${a.tenantId}, w."id", ${a.channel}::"Channel", 'outbox', 'delivered', ${a.providerMessageId},
           ${attemptKey(a.ref)}, ${a.ref.sendNumber}, ${a.ref.step}, ${a.ref.try},
           ${a.at}::timestamp, ${a.at}::timestamp, ${a.at}::timestamp
      FROM ${a.from} w`;
}
