/**
 * `npm run worker`: the job worker on its own (message delivery, retries, fallback), for deployments
 * that run it apart from the web servers (set OTPILOT_WORKER=0 on those). Same configuration as the
 * server; with the embedded database it connects to the running server's database socket.
 */
import { startJobWorker } from "@/lib/bootstrap/start-job-worker";
import { ConfigError, env, requireBaseUrl } from "@/lib/config/env";
import { serverSecrets } from "@/lib/config/secrets";
import { closeDb } from "@/lib/db/client";
import { stopWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/log";
import { serveWorkerMetrics } from "@/lib/metrics/worker-endpoint";

const config = env();
try {
  requireBaseUrl(config);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`\n✖ ${error.message}\n`);
  process.exit(1);
}
serverSecrets();
await startJobWorker();
if (config.OTPILOT_METRICS_PORT) serveWorkerMetrics(config.OTPILOT_METRICS_PORT);
logger.info({ pid: process.pid }, "OTPilot worker running");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    // Finish the jobs in hand, then leave; a job cut short is retried by another worker.
    void stopWorker()
      .then(() => closeDb())
      .then(() => logger.info({ pid: process.pid }, "OTPilot worker stopped"))
      .finally(() => process.exit(0));
  });
}
