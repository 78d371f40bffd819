-- AlterTable
ALTER TABLE "ReportRollup" DROP CONSTRAINT "ReportRollup_pkey",
ADD COLUMN     "slot" SMALLINT NOT NULL DEFAULT 0,
ADD CONSTRAINT "ReportRollup_pkey" PRIMARY KEY ("tenantId", "hour", "appId", "channel", "country", "slot");

-- AlterTable
ALTER TABLE "ReportVerifyTime" DROP CONSTRAINT "ReportVerifyTime_pkey",
ADD COLUMN     "slot" SMALLINT NOT NULL DEFAULT 0,
ADD CONSTRAINT "ReportVerifyTime_pkey" PRIMARY KEY ("tenantId", "day", "appId", "channel", "country", "slot");
