import { registerDeliveryJobs } from "@/lib/delivery/register-delivery-jobs";
import { startWorker } from "@/lib/jobs/worker";
import { startWebhookDispatcher } from "@/lib/webhooks/dispatch-webhooks";

/**
 * Everything that works in the background, in this process (the server, or `npm run worker`):
 * message delivery jobs and the webhook dispatcher. Web servers started with OTPILOT_WORKER=0 run
 * none of it, so background work scales apart from request handling.
 */
export async function startJobWorker(): Promise<void> {
  registerDeliveryJobs();
  await startWorker();
  startWebhookDispatcher();
}
