import pg from "pg";
import { Prisma, type Verification } from "@/lib/generated/prisma/client";
import type { SqlRunner } from "@/lib/db/direct-sql";
import type { DeliveryStart } from "@/lib/delivery/start-delivery";
import { EVENT_COLUMNS, eventDataSql, eventValues } from "@/lib/events/event-sql";
import { countNewVerificationSql } from "@/lib/reports/rollup";

/** A new verification's columns, as the send decided them (the database fills none but the index). */
export type NewVerification = Omit<
  Verification,
  "status" | "attempts" | "verifiedAt" | "endedAt" | "updatedAt" | "isNewRecipient" | "deliveryStep" | keyof DeliveryStart["columns"]
>;

/** The CTE name the delivery's rows read the new verification from (their foreign key needs it first). */
export const CREATED = Prisma.raw("created");

/**
 * A send's whole write, as one statement (one round trip, no transaction needed when nothing else
 * joins it):
 *
 * 1. `replaced`: cancels the recipient's pending verification in this app and mode (a test send never
 *    touches a live one, nor the reverse), with its `verification.canceled` event;
 * 2. `created`: inserts the new verification in its final state (delivery planned, or already
 *    delivered to the outbox), after `replaced` has run (it reads its count), with `isNewRecipient`
 *    looked up in the same statement, and its `verification.created` event;
 * 3. the delivery's rows (lib/delivery/start-delivery.ts) and the report rollup (sent, and delivered
 *    when the outbox delivered it).
 *
 * One pending verification per app, mode and recipient is kept by the partial unique index
 * "Verification_appId_recipient_pending_key": when two sends to one recipient run at once, the
 * second one's insert waits for the first and then fails with a unique violation (its snapshot did
 * not see the first one's pending row to cancel); the caller runs it again (isPendingConflict).
 */
export async function writeSend(
  client: SqlRunner,
  input: {
    verification: NewVerification;
    delivery: DeliveryStart;
    events: { replacedId: string; createdId: string };
    replacedData: Prisma.InputJsonObject;
    createdData: Prisma.InputJsonObject;
  },
): Promise<{ isNewRecipient: boolean; replacedId: string | null }> {
  const { verification: v, delivery } = input;
  const d = delivery.columns;
  const at = v.createdAt;
  const extraRows = [
    ...delivery.rows,
    countNewVerificationSql({
      id: v.id,
      tenantId: v.tenantId,
      mode: v.mode,
      appId: v.appId,
      startChannel: v.startChannel,
      country: v.country,
      createdAt: v.createdAt,
      delivered: delivery.delivered,
    }),
  ];
  const extraCtes = Prisma.join(
    extraRows.map((sql, i) => Prisma.sql`${Prisma.raw(`delivery_${i}`)} AS (${sql})`),
    ",\n",
  );
  const rows = await client.query<{ isNewRecipient: boolean; replacedId: string | null }>(Prisma.sql`
    WITH replaced AS (
      UPDATE "Verification"
         SET "status" = 'canceled', "endedAt" = ${at}::timestamp, "codeEncrypted" = NULL, "updatedAt" = ${at}::timestamp
       WHERE "appId" = ${v.appId} AND "mode" = ${v.mode}::"KeyMode" AND "recipient" = ${v.recipient} AND "status" = 'pending'
   RETURNING "id", "source"
    ), replaced_event AS (
      INSERT INTO "Event" ${EVENT_COLUMNS}
      SELECT ${input.events.replacedId}, ${v.tenantId}, ${v.appId}, r."id", ${v.mode}::"KeyMode", 'verification.canceled',
             ${eventDataSql(input.replacedData, Prisma.sql`r."source"`)}, ${at}::timestamp
        FROM replaced r
    ), ${CREATED} AS (
      INSERT INTO "Verification" (
        "id", "tenantId", "appId", "mode", "recipient", "country", "requestedChannel", "channel", "startChannel", "codeHash", "alphabet",
        "codeLength", "maxAttempts", "sendCount", "maxSends", "locale", "recipientName", "templateId", "externalId", "metadata",
        "isNewRecipient", "expiresAt", "resendAvailableAt", "deliveryPlan", "deliveryStep", "deliveryStatus", "deliveryChannel",
        "deliveryProvider", "deliveryUpdatedAt", "codeEncrypted", "source", "widgetOrigin", "createdAt", "updatedAt")
      SELECT ${v.id}, ${v.tenantId}, ${v.appId}, ${v.mode}::"KeyMode", ${v.recipient}, ${v.country}, ${v.requestedChannel},
             ${v.channel}::"Channel", ${v.startChannel}::"Channel", ${v.codeHash}, ${v.alphabet}, ${v.codeLength}, ${v.maxAttempts}, ${v.sendCount}, ${v.maxSends},
             ${v.locale}, ${v.recipientName}, ${v.templateId}, ${v.externalId}, ${JSON.stringify(v.metadata)}::jsonb,
             NOT EXISTS (SELECT 1 FROM "Recipient" WHERE "tenantId" = ${v.tenantId} AND "phone" = ${v.recipient}),
             ${v.expiresAt}::timestamp, ${v.resendAvailableAt}::timestamp, ${d.deliveryPlan}::text[]::"Channel"[], 0,
             ${d.deliveryStatus}::"DeliveryStatus", ${d.deliveryChannel}::"Channel", ${d.deliveryProvider},
             ${d.deliveryUpdatedAt}::timestamp, ${d.codeEncrypted}, ${v.source}, ${v.widgetOrigin}, ${at}::timestamp, ${at}::timestamp
        FROM (SELECT count(*) FROM replaced) AS after_replacing
   RETURNING "id", "isNewRecipient"
    ), created_event AS (
      INSERT INTO "Event" ${EVENT_COLUMNS}
      VALUES ${eventValues({ id: input.events.createdId, tenantId: v.tenantId, appId: v.appId, verificationId: v.id, mode: v.mode, type: "verification.created", data: input.createdData, at })}
    ), ${extraCtes}
    SELECT c."isNewRecipient", (SELECT r."id" FROM replaced r LIMIT 1) AS "replacedId" FROM ${CREATED} c`);
  return rows[0]!;
}

/**
 * A send that lost the race for "the one pending verification" (see writeSend): run it again. A
 * unique violation as node-postgres reports it (the direct connection), or as Prisma wraps it.
 */
export function isPendingConflict(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return error.code === "23505";
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const meta = JSON.stringify(error.meta ?? {});
  return error.code === "P2010" && meta.includes("23505");
}
