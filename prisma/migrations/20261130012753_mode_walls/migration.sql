-- Test and live are walled off (CONTRACT §4b): idempotency records, events and webhook deliveries
-- carry the mode they belong to, and pending verifications are unique per app, mode and recipient.

-- Idempotency records are 24 h replay caches that cannot be attributed to an API key after the
-- fact: dropping them costs at most a replay (the caller's retry then runs as a new request).
DELETE FROM "IdempotencyRecord";

-- DropIndex
DROP INDEX "IdempotencyRecord_tenantId_key_key";

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "mode" "KeyMode";

-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "apiKeyId" TEXT NOT NULL,
ADD COLUMN     "appId" TEXT,
ADD COLUMN     "mode" "KeyMode" NOT NULL;

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "mode" "KeyMode";

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyRecord_tenantId_apiKeyId_key_key" ON "IdempotencyRecord"("tenantId", "apiKeyId", "key");

-- Hand-written: an event takes its verification's mode, whichever code path records it.
CREATE FUNCTION "otpilot_event_mode"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."mode" IS NULL AND NEW."verificationId" IS NOT NULL THEN
    SELECT "mode" INTO NEW."mode" FROM "Verification" WHERE "id" = NEW."verificationId";
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Event_mode_of_verification"
  BEFORE INSERT ON "Event"
  FOR EACH ROW EXECUTE FUNCTION "otpilot_event_mode"();

UPDATE "Event" e SET "mode" = v."mode" FROM "Verification" v WHERE v."id" = e."verificationId";
UPDATE "WebhookDelivery" d SET "mode" = v."mode"
  FROM "Event" e JOIN "Verification" v ON v."id" = e."verificationId"
 WHERE e."id" = d."webhookId";

-- Hand-written: one pending verification per app, mode and recipient. A test send must not cancel
-- (or be blocked by) a live verification of the same number, nor the reverse.
DROP INDEX "Verification_appId_recipient_pending_key";
CREATE UNIQUE INDEX "Verification_appId_recipient_pending_key" ON "Verification"("appId", "mode", "recipient") WHERE "status" = 'pending';
