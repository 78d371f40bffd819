-- CreateTable
CREATE TABLE "ReportRollup" (
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "channel" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "approved" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "verifyTimeHistogram" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "ReportRollup_pkey" PRIMARY KEY ("tenantId","hour","appId","channel","country")
);

-- CreateIndex
CREATE INDEX "Verification_appId_createdAt_id_idx" ON "Verification"("appId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Verification_tenantId_recipient_createdAt_idx" ON "Verification"("tenantId", "recipient", "createdAt" DESC);
