import PgBoss from "pg-boss";
import { databaseBackend, databaseUrl, db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { recordJobFailure } from "@/lib/metrics/record";
import { ensureQueue } from "./enqueue";

export type JobContext = { id: string; name: string; retryCount: number };
export type JobHandler<Payload> = (payload: Payload, job: JobContext) => Promise<void>;
export type HandlerOptions = {
  /** Jobs of this name run at once in one process (default 2). */
  concurrency?: number;
  /** How often an idle worker looks for jobs, in seconds (default 1, at least 0.5). */
  pollingIntervalSeconds?: number;
};

type Registration = { name: string; handler: JobHandler<never>; options: HandlerOptions };

const state = globalThis as typeof globalThis & {
  __otpilotJobHandlers?: Map<string, Registration>;
  __otpilotJobSchedules?: Map<string, string>;
  __otpilotWorker?: Promise<PgBoss>;
};
const handlers = () => (state.__otpilotJobHandlers ??= new Map());
const schedules = () => (state.__otpilotJobSchedules ??= new Map());

/**
 * Declares what runs a job name. A handler that throws (or whose process dies) is retried per the
 * job's retryLimit, so handlers must be idempotent: a job may run more than once.
 */
export function registerHandler<Payload>(name: string, handler: JobHandler<Payload>, options: HandlerOptions = {}): void {
  handlers().set(name, { name, handler: handler as JobHandler<never>, options });
}

/**
 * Queues a job of this name (with an empty payload) on a cron schedule (UTC), from the next
 * startWorker(). pg-boss keeps schedules in the database and queues each due job once, however
 * many workers run.
 */
export function registerSchedule(name: string, cron: string): void {
  schedules().set(name, cron);
}

/**
 * Starts working the registered job names in this process (once; later calls return the same
 * worker). pg-boss gets its own connection pool (one connection on the embedded database, which
 * serves one query at a time) and does the queue's upkeep: jobs of a crashed worker are retried
 * once their expireInSeconds passes.
 */
export function startWorker(): Promise<PgBoss> {
  state.__otpilotWorker ??= start().catch((error: unknown) => {
    state.__otpilotWorker = undefined;
    throw error;
  });
  return state.__otpilotWorker;
}

/** Stops fetching, waits for running jobs (up to `timeoutMs`), closes the pool. */
export async function stopWorker(timeoutMs = 10_000): Promise<void> {
  const running = state.__otpilotWorker;
  state.__otpilotWorker = undefined;
  if (!running) return;
  const boss = await running.catch(() => null);
  await boss?.stop({ graceful: true, timeout: timeoutMs, wait: true });
}

async function start(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: await databaseUrl(),
    max: databaseBackend() === "embedded" ? 1 : 4,
    application_name: "otpilot-worker",
    migrate: false, // the schema comes from our migrations (prisma/migrations/*_job_queue)
    schedule: schedules().size > 0,
    supervise: true,
    maintenanceIntervalSeconds: 10,
  });
  boss.on("error", (error) => logger.warn({ err: error }, "job queue error"));
  await boss.start();
  const prisma = await db();
  for (const { name, handler, options } of handlers().values()) {
    await ensureQueue(prisma, name);
    for (let i = 0; i < (options.concurrency ?? 2); i++) {
      await boss.work<object>(
        name,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1, includeMetadata: true },
        async ([job]) => {
          if (!job) return;
          try {
            await handler(job.data as never, { id: job.id, name: job.name, retryCount: job.retryCount });
          } catch (error) {
            logger.error({ err: error, job: job.id, queue: name }, "job failed; it will be retried");
            recordJobFailure(name);
            throw error;
          }
        },
      );
    }
  }
  for (const [name, cron] of schedules()) {
    await ensureQueue(prisma, name);
    await boss.schedule(name, cron, {}, { tz: "UTC" });
  }
  logger.info({ queues: [...handlers().keys()] }, "job worker started");
  return boss;
}
