import { Prisma } from "@/lib/generated/prisma/client";
import { BUCKET_BOUNDS_SQL, VERIFY_TIME_BUCKETS } from "./verify-time-buckets";

const BUCKETS = Prisma.raw(String(VERIFY_TIME_BUCKETS.length));

/**
 * The row slot a verification counts in: each key has up to 16 rows, picked by the verification id,
 * so concurrent sends and verifies of one tenant/app/hour/country do not all wait on one row lock
 * until their transactions end. Reports sum the slots; a rebuild puts everything in slot 0.
 */
const slot = Prisma.sql`(hashtext(v."id") & 15)::smallint`;

/** The counter each event type moves; other events leave the rollups alone. */
const COUNTER_OF = {
  "verification.created": "sent",
  "message.delivered": "delivered",
  "verification.approved": "approved",
  "verification.failed": "failed",
} as const;

/**
 * Where a verification counts: its tenant, app, creation time, country, and the channel it started
 * on (read from its `verification.created` event, as a resend may switch channels), so all its
 * outcomes land in the row its `sent` did and conversion per row stays within 0..1.
 */
const rollupKey = Prisma.sql`
  v."tenantId", v."appId",
  COALESCE((SELECT c."data"->>'channel' FROM "Event" c
             WHERE c."tenantId" = v."tenantId" AND c."verificationId" = v."id" AND c."type" = 'verification.created'
             LIMIT 1), v."channel"::text),
  v."country"`;

/**
 * Keeps the report rollups (ReportRollup, ReportVerifyTime) up to date. recordEvent calls it with the
 * transaction that records the event, so the counters commit or roll back with the change itself.
 * `delivered` counts a verification once, at its first delivered message.
 */
export async function updateRollup(
  tx: Prisma.TransactionClient,
  event: { id: string; type: string; verificationId?: string | null },
): Promise<void> {
  const counter = COUNTER_OF[event.type as keyof typeof COUNTER_OF];
  if (!counter || !event.verificationId) return;
  const verificationId = event.verificationId;

  let onlyFirst = Prisma.empty;
  if (counter === "delivered") {
    // Serialise deliveries of one verification so "is this the first?" cannot be answered yes twice.
    await tx.$executeRaw`SELECT 1 FROM "Verification" WHERE "id" = ${verificationId} FOR UPDATE`;
    onlyFirst = Prisma.sql`AND NOT EXISTS (
      SELECT 1 FROM "Event" d
       WHERE d."tenantId" = v."tenantId" AND d."verificationId" = v."id"
         AND d."type" = 'message.delivered' AND d."id" <> ${event.id})`;
  }
  await tx.$executeRaw`
    INSERT INTO "ReportRollup" ("tenantId", "appId", "channel", "country", "hour", "slot", ${Prisma.raw(`"${counter}"`)})
    SELECT ${rollupKey}, date_trunc('hour', v."createdAt"), ${slot}, 1
      FROM "Verification" v
     WHERE v."id" = ${verificationId} ${onlyFirst}
    ON CONFLICT ("tenantId", "hour", "appId", "channel", "country", "slot") DO UPDATE
       SET ${Prisma.raw(`"${counter}" = "ReportRollup"."${counter}" + 1`)}`;

  if (counter === "approved") {
    const bucket = Prisma.sql`width_bucket(GREATEST(0, floor(extract(epoch FROM v."verifiedAt" - v."createdAt")))::int, ${Prisma.raw(BUCKET_BOUNDS_SQL)})`;
    // A one-hot histogram, added element-wise to the stored one.
    await tx.$executeRaw`
      INSERT INTO "ReportVerifyTime" ("tenantId", "appId", "channel", "country", "day", "slot", "histogram")
      SELECT ${rollupKey}, date_trunc('day', v."createdAt"), ${slot},
             array_fill(0, ARRAY[${bucket} - 1]) || 1 || array_fill(0, ARRAY[${BUCKETS} - ${bucket}])
        FROM "Verification" v
       WHERE v."id" = ${verificationId} AND v."verifiedAt" IS NOT NULL
      ON CONFLICT ("tenantId", "day", "appId", "channel", "country", "slot") DO UPDATE
         SET "histogram" = ARRAY(
               SELECT COALESCE(a, 0) + COALESCE(b, 0)
                 FROM unnest("ReportVerifyTime"."histogram", EXCLUDED."histogram") WITH ORDINALITY AS t(a, b, i)
                ORDER BY i)`;
  }
}
