-- Hand-written (Prisma's schema cannot express it without the partialIndexes preview, which would
-- also expose a misleading `appId_recipient` unique selector in the client).
-- At most one pending verification per app and recipient: two concurrent sends to the same number
-- cannot both leave a pending verification behind; the second one fails and retries.
CREATE UNIQUE INDEX "Verification_appId_recipient_pending_key" ON "Verification"("appId", "recipient") WHERE "status" = 'pending';
