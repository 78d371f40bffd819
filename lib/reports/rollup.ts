import { Prisma } from "@/lib/generated/prisma/client";
import { BUCKET_BOUNDS_SQL, VERIFY_TIME_BUCKETS } from "./verify-time-buckets";

const BUCKETS = VERIFY_TIME_BUCKETS.length;

/** The counter each event type moves; other events leave the rollups alone. */
const COUNTER_OF = {
  "verification.created": "sent",
  "message.delivered": "delivered",
  "verification.approved": "approved",
  "verification.failed": "failed",
} as const;

/**
 * Keeps the report rollups (model ReportRollup) up to date: called by recordEvent with the
 * transaction that records the event, so counters commit or roll back with the change itself.
 * A verification counts in the UTC hour it was created, under the channel it started on (read from
 * its `verification.created` event: a resend may switch channels), so its later outcomes land in
 * the same row and conversion per row stays within 0..1. `delivered` counts a verification once,
 * at its first delivered message.
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
  const bucket = Prisma.sql`width_bucket(GREATEST(0, floor(extract(epoch FROM v."verifiedAt" - v."createdAt")))::int, ${Prisma.raw(BUCKET_BOUNDS_SQL)})`;
  const histogram =
    counter === "approved"
      ? Prisma.sql`array_fill(0, ARRAY[${bucket} - 1]) || 1 || array_fill(0, ARRAY[${Prisma.raw(String(BUCKETS))} - ${bucket}])`
      : Prisma.sql`array_fill(0, ARRAY[${Prisma.raw(String(BUCKETS))}])`;
  await tx.$executeRaw`
    INSERT INTO "ReportRollup" ("tenantId", "appId", "hour", "channel", "country", ${Prisma.raw(`"${counter}"`)}, "verifyTimeHistogram")
    SELECT v."tenantId", v."appId", date_trunc('hour', v."createdAt"),
           COALESCE((SELECT c."data"->>'channel' FROM "Event" c
                      WHERE c."tenantId" = v."tenantId" AND c."verificationId" = v."id" AND c."type" = 'verification.created'
                      LIMIT 1), v."channel"::text),
           v."country", 1, ${histogram}
      FROM "Verification" v
     WHERE v."id" = ${verificationId} ${onlyFirst}
    ON CONFLICT ("tenantId", "hour", "appId", "channel", "country") DO UPDATE
       SET ${Prisma.raw(`"${counter}" = "ReportRollup"."${counter}" + 1`)}
           ${counter === "approved" ? addHistograms : Prisma.empty}`;
}

// Element-wise sum of the stored histogram and the new row's one-hot histogram.
const addHistograms = Prisma.sql`, "verifyTimeHistogram" = ARRAY(
  SELECT COALESCE(a, 0) + COALESCE(b, 0)
    FROM unnest("ReportRollup"."verifyTimeHistogram", EXCLUDED."verifyTimeHistogram") WITH ORDINALITY AS t(a, b, i)
   ORDER BY i)`;
