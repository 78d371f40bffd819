-- Hand-written. Webhook deliveries are tried by pg-boss jobs (lib/webhooks/webhook-job.ts) queued in
-- the transaction that makes a delivery pending, instead of a dispatcher polling "WebhookDelivery".
SELECT pgboss.create_queue('webhook.deliver', '{"policy":"standard"}'::json);

-- Deliveries still pending from before get their job, due when their next try was (the same options
-- as enqueueWebhookAttempt: pg-boss's retries of a crashed run, a 60 s expiry).
INSERT INTO pgboss.job (name, data, start_after, retry_limit, retry_delay, retry_backoff, expire_in, policy)
SELECT 'webhook.deliver', jsonb_build_object('deliveryId', "id", 'attempts', "attempts"), COALESCE("nextAttemptAt", now()), 5, 2, true, interval '60 seconds', 'standard'
  FROM "WebhookDelivery"
 WHERE "status" = 'pending';

-- Nothing looks for due deliveries any more.
DROP INDEX IF EXISTS "WebhookDelivery_status_nextAttemptAt_idx";

-- The sweep (lib/jobs/sweep.ts) clears sealed codes of verifications that ended or expired: only
-- rows still holding one are indexed, a small set (codes in flight and those left to sweep).
CREATE INDEX "Verification_sealed_code_expiresAt_idx" ON "Verification"("expiresAt") WHERE "codeEncrypted" IS NOT NULL;

SELECT pgboss.create_queue('maintenance.sweep', '{"policy":"standard"}'::json);
