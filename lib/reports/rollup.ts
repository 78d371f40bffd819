import { Prisma } from "@/lib/generated/prisma/client";
import { BUCKET_BOUNDS_SQL, VERIFY_TIME_BUCKETS } from "./verify-time-buckets";

const BUCKETS = Prisma.raw(String(VERIFY_TIME_BUCKETS.length));
const SLOTS = 16;

/**
 * The row slot a verification counts in: each key has up to 16 rows, picked by the verification id,
 * so concurrent sends and verifies of one tenant/app/hour/country do not all wait on one row lock
 * until their transactions end. Reports sum the slots; a rebuild puts everything in slot 0.
 */
const slotOf = (id: Prisma.Sql) => Prisma.sql`(hashtext(${id}) & ${Prisma.raw(String(SLOTS - 1))})::smallint`;

/** The counter each event type moves; other events leave the rollups alone. */
const COUNTER_OF = {
  "verification.created": "sent",
  "message.delivered": "delivered",
  "verification.approved": "approved",
  "verification.failed": "failed",
} as const;

type Counter = (typeof COUNTER_OF)[keyof typeof COUNTER_OF];

/**
 * Where a verification counts, for a row `v` with the Verification columns (the table or a CTE that
 * returns them): its tenant, mode, app, country, and the channel it started on (`startChannel`, as
 * a resend may switch channels), so all its outcomes land in the row its `sent` did and conversion
 * per row stays within 0..1.
 */
const rollupKey = Prisma.sql`v."tenantId", v."mode", v."appId", v."startChannel"::text, v."country"`;

const ROLLUP_CONFLICT = Prisma.sql`ON CONFLICT ("tenantId", "mode", "hour", "appId", "channel", "country", "slot") DO UPDATE`;

/**
 * An upsert adding one to `counter` for each row of `from` (SQL naming its rows `v`, with their
 * conditions), e.g. `approved v` for a CTE `approved` of the verify statement. Usable as a CTE.
 */
export function countInRollupSql(counter: "approved" | "failed" | "delivered", from: Prisma.Sql): Prisma.Sql {
  const column = Prisma.raw(`"${counter}"`);
  return Prisma.sql`
    INSERT INTO "ReportRollup" ("tenantId", "mode", "appId", "channel", "country", "hour", "slot", ${column})
    SELECT ${rollupKey}, date_trunc('hour', v."createdAt"), ${slotOf(Prisma.sql`v."id"`)}, 1 FROM ${from}
    ${ROLLUP_CONFLICT} SET ${Prisma.raw(`"${counter}" = "ReportRollup"."${counter}" + 1`)}`;
}

/**
 * An upsert adding each approved row of `from` (rows `v` with `verifiedAt`) to the time-to-verify
 * histogram of its day: a one-hot histogram, added element-wise to the stored one. Usable as a CTE.
 */
export function countVerifyTimeSql(from: Prisma.Sql): Prisma.Sql {
  const bucket = Prisma.sql`width_bucket(GREATEST(0, floor(extract(epoch FROM v."verifiedAt" - v."createdAt")))::int, ${Prisma.raw(BUCKET_BOUNDS_SQL)})`;
  return Prisma.sql`
    INSERT INTO "ReportVerifyTime" ("tenantId", "mode", "appId", "channel", "country", "day", "slot", "histogram")
    SELECT ${rollupKey}, date_trunc('day', v."createdAt"), ${slotOf(Prisma.sql`v."id"`)},
           array_fill(0, ARRAY[${bucket} - 1]) || 1 || array_fill(0, ARRAY[${BUCKETS} - ${bucket}])
      FROM ${from}
    ON CONFLICT ("tenantId", "mode", "day", "appId", "channel", "country", "slot") DO UPDATE
       SET "histogram" = ARRAY(
             SELECT COALESCE(a, 0) + COALESCE(b, 0)
               FROM unnest("ReportVerifyTime"."histogram", EXCLUDED."histogram") WITH ORDINALITY AS t(a, b, i)
              ORDER BY i)`;
}

/**
 * The send's upsert, for a verification created in the same statement: its key is known here (the
 * channel it starts on, its country and hour), so no lookup. `delivered` when the send delivered it
 * too (the outbox, inline): the first delivery of a new verification. Usable as a CTE.
 */
export function countNewVerificationSql(v: {
  id: string;
  tenantId: string;
  mode: "live" | "test";
  appId: string;
  startChannel: string;
  country: string;
  createdAt: Date;
  delivered: boolean;
}): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "ReportRollup" ("tenantId", "mode", "appId", "channel", "country", "hour", "slot", "sent", "delivered")
    VALUES (${v.tenantId}, ${v.mode}::"KeyMode", ${v.appId}, ${v.startChannel}, ${v.country}, date_trunc('hour', ${v.createdAt}::timestamp),
            ${slotOf(Prisma.sql`${v.id}`)}, 1, ${v.delivered ? 1 : 0})
    ${ROLLUP_CONFLICT} SET "sent" = "ReportRollup"."sent" + 1, "delivered" = "ReportRollup"."delivered" + EXCLUDED."delivered"`;
}

/**
 * The rows of a verification's first delivery: `v` when no other `message.delivered` event of it
 * exists than `eventId`. Callers serialise deliveries of one verification (see updateRollup).
 */
export function firstDeliveryOf(verificationId: Prisma.Sql, eventId: string): Prisma.Sql {
  return Prisma.sql`"Verification" v WHERE v."id" = ${verificationId} AND NOT EXISTS (
      SELECT 1 FROM "Event" d
       WHERE d."tenantId" = v."tenantId" AND d."verificationId" = v."id"
         AND d."type" = 'message.delivered' AND d."id" <> ${eventId})`;
}

/**
 * Keeps the report rollups (ReportRollup, ReportVerifyTime) up to date for an event recorded by
 * recordEvent, in the transaction that records it, so the counters commit or roll back with the
 * change itself. `delivered` counts a verification once, at its first delivered message.
 */
export async function updateRollup(
  tx: Prisma.TransactionClient,
  event: { id: string; type: string; verificationId?: string | null },
): Promise<void> {
  const counter: Counter | undefined = COUNTER_OF[event.type as keyof typeof COUNTER_OF];
  if (!counter || !event.verificationId) return;
  const id = Prisma.sql`${event.verificationId}`;

  if (counter === "delivered") {
    // Deliveries of one verification come from the worker and provider callbacks, possibly at once:
    // lock its row (committed long before, never inserted by this transaction) so "is this the
    // first?" is answered by a statement that sees every earlier delivery committed.
    await tx.$executeRaw`SELECT 1 FROM "Verification" WHERE "id" = ${event.verificationId} FOR UPDATE`;
    await tx.$executeRaw(countInRollupSql("delivered", firstDeliveryOf(id, event.id)));
    return;
  }
  const row = Prisma.sql`"Verification" v WHERE v."id" = ${id}`;
  if (counter === "sent") {
    await tx.$executeRaw`
      INSERT INTO "ReportRollup" ("tenantId", "mode", "appId", "channel", "country", "hour", "slot", "sent")
      SELECT ${rollupKey}, date_trunc('hour', v."createdAt"), ${slotOf(Prisma.sql`v."id"`)}, 1 FROM ${row}
      ${ROLLUP_CONFLICT} SET "sent" = "ReportRollup"."sent" + 1`;
    return;
  }
  await tx.$executeRaw(countInRollupSql(counter, row));
  if (counter === "approved") {
    await tx.$executeRaw(countVerifyTimeSql(Prisma.sql`"Verification" v WHERE v."id" = ${id} AND v."verifiedAt" IS NOT NULL`));
  }
}
