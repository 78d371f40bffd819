import { registerDeliveryJobs } from "@/lib/delivery/register-delivery-jobs";
import { startWorker } from "@/lib/jobs/worker";

/** Registers every job OTPilot runs and starts working them in this process (server or `npm run worker`). */
export async function startJobWorker(): Promise<void> {
  registerDeliveryJobs();
  await startWorker();
}
