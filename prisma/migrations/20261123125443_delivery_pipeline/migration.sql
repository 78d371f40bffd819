-- AlterTable
ALTER TABLE "DeliveryAttempt" ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "retryable" BOOLEAN,
ADD COLUMN     "sendNumber" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "step" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "try" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Verification" ADD COLUMN     "codeEncrypted" TEXT,
ADD COLUMN     "deliveryPlan" "Channel"[] DEFAULT ARRAY[]::"Channel"[],
ADD COLUMN     "deliveryStep" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "DeliveryAttempt_idempotencyKey_key" ON "DeliveryAttempt"("idempotencyKey");

-- Hand-written: a verification that ended (approved, failed, expired, canceled) never keeps its code,
-- whichever code path ends it.
CREATE FUNCTION "otpilot_wipe_ended_code"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."codeEncrypted" := NULL;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Verification_wipe_ended_code"
  BEFORE INSERT OR UPDATE ON "Verification"
  FOR EACH ROW WHEN (NEW."status" <> 'pending' AND NEW."codeEncrypted" IS NOT NULL)
  EXECUTE FUNCTION "otpilot_wipe_ended_code"();
