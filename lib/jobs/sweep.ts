import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { expireOverdueVerifications } from "@/lib/otp/expire-overdue";
import { registerHandler, registerSchedule } from "./worker";

/**
 * Settles what has outlived its use (sweepExpired); queued by pg-boss's schedule every minute, so a
 * verification nobody touches again gets its `verification.expired` event (and webhook) within
 * about a minute and a half of its expiry (the minute, plus the handler's polling).
 */
export const SWEEP_JOB = "maintenance.sweep";
const SWEEP_CRON = "* * * * *";

/** Rows per statement: short statements that hold few locks, however much there is to sweep. */
const BATCH_SIZE = 1_000;
/** Statements per run at most; what is left waits for the next run. */
const MAX_BATCHES = 50;

type SqlClient = Pick<Prisma.TransactionClient, "$executeRaw">;

export type SweepResult = { expiredVerifications: number; idempotencyRecords: number; sealedCodes: number };

/**
 * Expires pending verifications past their expiry (with their events), deletes idempotency records past their expiry (a replay after it runs the request anew anyway),
 * and clears the sealed code of verifications that ended or expired (no delivery needs it any more,
 * and a code kept is a code that could leak). Runs in batches until nothing is left or the run's
 * budget is spent. Times are the database's clock.
 */
export async function sweepExpired(options: { client?: SqlClient; batchSize?: number; maxBatches?: number } = {}): Promise<SweepResult> {
  const client = options.client ?? (await db());
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const maxBatches = options.maxBatches ?? MAX_BATCHES;
  const result: SweepResult = { expiredVerifications: 0, idempotencyRecords: 0, sealedCodes: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const expired = await expireOverdueVerifications(batchSize);
    result.expiredVerifications += expired;
    if (expired < batchSize) break;
  }
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = await client.$executeRaw`
      DELETE FROM "IdempotencyRecord"
       WHERE "id" IN (SELECT "id" FROM "IdempotencyRecord" WHERE "expiresAt" <= now() LIMIT ${batchSize})`;
    result.idempotencyRecords += deleted;
    if (deleted < batchSize) break;
  }
  for (let batch = 0; batch < maxBatches; batch++) {
    // The partial index "Verification_sealed_code_expiresAt_idx" holds exactly the rows with a code.
    const cleared = await client.$executeRaw`
      UPDATE "Verification" SET "codeEncrypted" = NULL
       WHERE "id" IN (SELECT "id" FROM "Verification"
                       WHERE "codeEncrypted" IS NOT NULL AND ("status" <> 'pending' OR "expiresAt" <= now())
                       LIMIT ${batchSize})`;
    result.sealedCodes += cleared;
    if (cleared < batchSize) break;
  }
  return result;
}

/** The sweep's job and its schedule, for startWorker(). */
export function registerSweepJob(): void {
  const sweep = async () => {
    const swept = await sweepExpired();
    if (swept.expiredVerifications + swept.idempotencyRecords + swept.sealedCodes > 0) logger.info(swept, "swept expired records");
  };
  // It comes every minute: looking for it twice a minute is soon enough, and spares the
  // embedded database (one connection for everything) a query a second.
  registerHandler(SWEEP_JOB, sweep, { concurrency: 1, pollingIntervalSeconds: 30 });
  registerSchedule(SWEEP_JOB, SWEEP_CRON);
}
