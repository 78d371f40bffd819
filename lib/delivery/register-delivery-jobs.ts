import { registerHandler } from "@/lib/jobs/worker";
import { attemptDelivery } from "./attempt-delivery";
import { ATTEMPT_JOB, RECEIPT_TIMEOUT_JOB, type AttemptRef, type StepRef } from "./delivery-jobs";
import { handleReceiptTimeout } from "./receipt-timeout";

/** The delivery pipeline's jobs, for startWorker(). */
export function registerDeliveryJobs(): void {
  registerHandler<AttemptRef>(ATTEMPT_JOB, (ref) => attemptDelivery(ref), { concurrency: 4, pollingIntervalSeconds: 0.5 });
  registerHandler<StepRef>(RECEIPT_TIMEOUT_JOB, (ref) => handleReceiptTimeout(ref), { concurrency: 1 });
}
