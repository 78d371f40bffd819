-- AlterTable
ALTER TABLE "Verification" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'api',
ADD COLUMN     "widgetOrigin" TEXT;

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL DEFAULT 'ES256',
    "publicJwk" JSONB NOT NULL,
    "privateKeyEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    "publishUntil" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenRedemption" (
    "jti" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "redeemedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TokenRedemption_pkey" PRIMARY KEY ("jti")
);

-- CreateTable
CREATE TABLE "WidgetChallengeUse" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WidgetChallengeUse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TokenRedemption_tenantId_redeemedAt_idx" ON "TokenRedemption"("tenantId", "redeemedAt");

-- CreateIndex
CREATE INDEX "WidgetChallengeUse_expiresAt_idx" ON "WidgetChallengeUse"("expiresAt");

-- The events of a verification the widget started carry `source: "widget"` (CONTRACT §8), whichever
-- engine path writes them (send, delivery, verify, expiry, webhooks read the stored row).
CREATE FUNCTION "otpilot_event_source"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."verificationId" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "Verification" WHERE "id" = NEW."verificationId" AND "source" = 'widget'
  ) THEN
    NEW."data" := COALESCE(NEW."data", '{}'::jsonb) || '{"source": "widget"}'::jsonb;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Event_source"
  BEFORE INSERT ON "Event"
  FOR EACH ROW EXECUTE FUNCTION "otpilot_event_source"();
