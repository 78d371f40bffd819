import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { BUCKET_BOUNDS_SQL, VERIFY_TIME_BUCKETS } from "./verify-time-buckets";

/**
 * Recomputes one tenant's report rollups from its verifications and events, by the rules the
 * incremental updates follow (lib/reports/rollup.ts): for data written before the rollups existed,
 * or bulk-loaded by scripts/seed-verifications.ts. One transaction, all work in the database.
 * Rebuilt rows all take slot 0: the incremental updates spread a key over slots only to spare
 * concurrent transactions a wait on one row lock, and reports sum the slots.
 */
export async function rebuildRollups(prisma: PrismaClient, tenantId: string): Promise<void> {
  const counted = Prisma.sql`
    SELECT v."tenantId", v."mode", v."appId", v."createdAt", v."country", v."status",
           v."startChannel"::text AS channel,
           EXISTS (SELECT 1 FROM "Event" d WHERE d."tenantId" = v."tenantId" AND d."verificationId" = v."id"
                      AND d."type" = 'message.delivered') AS delivered,
           CASE WHEN v."status" = 'approved' AND v."verifiedAt" IS NOT NULL THEN
             width_bucket(GREATEST(0, floor(extract(epoch FROM v."verifiedAt" - v."createdAt")))::int,
                          ${Prisma.raw(BUCKET_BOUNDS_SQL)}) END AS bucket
      FROM "Verification" v WHERE v."tenantId" = ${tenantId}`;
  await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`DELETE FROM "ReportRollup" WHERE "tenantId" = ${tenantId}`;
      await tx.$executeRaw`DELETE FROM "ReportVerifyTime" WHERE "tenantId" = ${tenantId}`;
      await tx.$executeRaw`
        INSERT INTO "ReportRollup" ("tenantId", "mode", "appId", "hour", "channel", "country", "sent", "delivered", "approved", "failed")
        SELECT "tenantId", "mode", "appId", date_trunc('hour', "createdAt"), channel, "country", count(*),
               count(*) FILTER (WHERE delivered), count(*) FILTER (WHERE "status" = 'approved'),
               count(*) FILTER (WHERE "status" = 'failed')
          FROM (${counted}) v GROUP BY 1, 2, 3, 4, 5, 6`;
      await tx.$executeRaw`
        WITH buckets AS (
          SELECT "tenantId", "mode", "appId", date_trunc('day', "createdAt") AS day, channel, "country", bucket, count(*)::int AS n
            FROM (${counted}) v WHERE bucket IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7
        )
        INSERT INTO "ReportVerifyTime" ("tenantId", "mode", "appId", "day", "channel", "country", "histogram")
        SELECT "tenantId", "mode", "appId", day, channel, "country",
               ARRAY(SELECT COALESCE((counts->>(i::text))::int, 0)
                       FROM generate_series(1, ${Prisma.raw(String(VERIFY_TIME_BUCKETS.length))}) i ORDER BY i)
          FROM (SELECT "tenantId", "mode", "appId", day, channel, "country", jsonb_object_agg(bucket, n) AS counts
                  FROM buckets GROUP BY 1, 2, 3, 4, 5, 6) k`;
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
