import { registerDeliveryJobs } from "@/lib/delivery/register-delivery-jobs";
import { registerSweepJob } from "@/lib/jobs/sweep";
import { startWorker } from "@/lib/jobs/worker";
import { registerWebhookJobs } from "@/lib/webhooks/register-webhook-jobs";

/**
 * Everything that works in the background, in this process (the server, or `npm run worker`):
 * message delivery, webhooks and the sweep of expired records. Web servers started with OTPILOT_WORKER=0 run
 * none of it, so background work scales apart from request handling.
 */
export async function startJobWorker(): Promise<void> {
  registerDeliveryJobs();
  registerWebhookJobs();
  registerSweepJob();
  await startWorker();
}
