-- AlterTable
ALTER TABLE "ReportRollup" DROP COLUMN "verifyTimeHistogram";

-- CreateTable
CREATE TABLE "ReportVerifyTime" (
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "channel" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "histogram" INTEGER[],

    CONSTRAINT "ReportVerifyTime_pkey" PRIMARY KEY ("tenantId","day","appId","channel","country")
);
