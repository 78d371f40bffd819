-- AlterTable
ALTER TABLE "App" ADD COLUMN     "webhookSecretPreviousEncrypted" TEXT,
ADD COLUMN     "webhookSecretPreviousExpiresAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "lastAttemptAt" TIMESTAMP(3);
