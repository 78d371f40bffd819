import { registerHandler } from "@/lib/jobs/worker";
import { attemptWebhook } from "./attempt-webhook";
import { WEBHOOK_JOB, type WebhookAttemptRef } from "./webhook-job";

/** The webhook deliveries' job, for startWorker(). */
export function registerWebhookJobs(): void {
  // Tries mostly wait on receivers (up to 15 s each), so several run at once.
  registerHandler<WebhookAttemptRef>(WEBHOOK_JOB, (ref) => attemptWebhook(ref), { concurrency: 4 });
}
