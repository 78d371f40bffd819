-- Report rollups per mode: a key's report counts only its own mode's verifications, as every other
-- read does (CONTRACT §4b: test and live are walled off). Until now a test key's report summed live
-- traffic too. The rollups are emptied, keyed by mode, and recomputed from the verifications by the
-- rules of lib/reports/rebuild-rollups.ts (every rebuilt row in slot 0).
DELETE FROM "ReportRollup";
DELETE FROM "ReportVerifyTime";

-- AlterTable
ALTER TABLE "ReportRollup" DROP CONSTRAINT "ReportRollup_pkey",
ADD COLUMN     "mode" "KeyMode" NOT NULL,
ADD CONSTRAINT "ReportRollup_pkey" PRIMARY KEY ("tenantId", "mode", "hour", "appId", "channel", "country", "slot");

-- AlterTable
ALTER TABLE "ReportVerifyTime" DROP CONSTRAINT "ReportVerifyTime_pkey",
ADD COLUMN     "mode" "KeyMode" NOT NULL,
ADD CONSTRAINT "ReportVerifyTime_pkey" PRIMARY KEY ("tenantId", "mode", "day", "appId", "channel", "country", "slot");

CREATE TEMPORARY TABLE counted AS
SELECT v."tenantId", v."mode", v."appId", v."createdAt", v."country", v."status",
       COALESCE((SELECT c."data"->>'channel' FROM "Event" c
                  WHERE c."tenantId" = v."tenantId" AND c."verificationId" = v."id"
                    AND c."type" = 'verification.created' LIMIT 1), v."channel"::text) AS channel,
       EXISTS (SELECT 1 FROM "Event" d WHERE d."tenantId" = v."tenantId" AND d."verificationId" = v."id"
                  AND d."type" = 'message.delivered') AS delivered,
       CASE WHEN v."status" = 'approved' AND v."verifiedAt" IS NOT NULL THEN
         width_bucket(GREATEST(0, floor(extract(epoch FROM v."verifiedAt" - v."createdAt")))::int, ARRAY[0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,65,70,75,80,85,90,95,100,105,110,115,120,135,150,165,180,195,210,225,240,255,270,285,300,360,420,480,540,600,660,720,780,840,900,1200,1500,1800,2100,2400,2700,3000,3300,3600,7200,10800,14400,18000,21600,25200,28800,32400,36000,39600,43200,46800,50400,54000,57600,61200,64800,68400,72000,75600,79200,82800]::int[]) END AS bucket
  FROM "Verification" v;

INSERT INTO "ReportRollup" ("tenantId", "mode", "appId", "hour", "channel", "country", "sent", "delivered", "approved", "failed")
SELECT "tenantId", "mode", "appId", date_trunc('hour', "createdAt"), channel, "country", count(*),
       count(*) FILTER (WHERE delivered), count(*) FILTER (WHERE "status" = 'approved'),
       count(*) FILTER (WHERE "status" = 'failed')
  FROM counted GROUP BY 1, 2, 3, 4, 5, 6;

WITH buckets AS (
  SELECT "tenantId", "mode", "appId", date_trunc('day', "createdAt") AS day, channel, "country", bucket, count(*)::int AS n
    FROM counted WHERE bucket IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7
)
INSERT INTO "ReportVerifyTime" ("tenantId", "mode", "appId", "day", "channel", "country", "histogram")
SELECT "tenantId", "mode", "appId", day, channel, "country",
       ARRAY(SELECT COALESCE((counts->>(i::text))::int, 0) FROM generate_series(1, 126) i ORDER BY i)
  FROM (SELECT "tenantId", "mode", "appId", day, channel, "country", jsonb_object_agg(bucket, n) AS counts
          FROM buckets GROUP BY 1, 2, 3, 4, 5, 6) k;

DROP TABLE counted;
