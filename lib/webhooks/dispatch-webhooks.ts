import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { attemptDelivery } from "./attempt-delivery";

const POLL_INTERVAL_MS = 1_000;
const BATCH_SIZE = 10;
// Longer than an attempt can take (15 s timeout plus DNS): a worker that dies mid-attempt leaves
// the row to be picked up again once its lease runs out.
const LEASE_SECONDS = 60;

/**
 * Claims up to `limit` due deliveries and attempts them. The claim moves nextAttemptAt past a lease
 * in one statement, with SKIP LOCKED, so any number of server processes can dispatch side by side
 * without a transaction held open across the HTTP calls. Returns how many it attempted.
 */
export async function dispatchDueWebhooks(limit = BATCH_SIZE): Promise<number> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery"
       SET "nextAttemptAt" = now() + ${LEASE_SECONDS} * interval '1 second', "updatedAt" = now()
     WHERE "id" IN (SELECT "id" FROM "WebhookDelivery"
                     WHERE "status" = 'pending' AND "nextAttemptAt" <= now()
                     ORDER BY "nextAttemptAt" LIMIT ${limit}
                     FOR UPDATE SKIP LOCKED)
 RETURNING "id"`;
  if (rows.length === 0) return 0;
  const claimed = await prisma.webhookDelivery.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
  await Promise.all(
    claimed.map((delivery) =>
      attemptDelivery(prisma, delivery).catch((error: unknown) => logger.error({ err: error, deliveryId: delivery.id }, "webhook attempt crashed")),
    ),
  );
  return claimed.length;
}

const state = globalThis as typeof globalThis & { __otpilotWebhookDispatcher?: NodeJS.Timeout };

/**
 * Starts polling for due deliveries in this process (once, even if Next.js loads the module twice).
 * A full batch is followed at once by the next one; an empty poll waits a second.
 */
export function startWebhookDispatcher(): void {
  if (state.__otpilotWebhookDispatcher) return;
  const tick = async () => {
    let attempted = 0;
    try {
      attempted = await dispatchDueWebhooks();
    } catch (error) {
      logger.warn({ err: error }, "webhook dispatcher could not poll");
    }
    state.__otpilotWebhookDispatcher = setTimeout(tick, attempted === BATCH_SIZE ? 0 : POLL_INTERVAL_MS);
    state.__otpilotWebhookDispatcher.unref();
  };
  state.__otpilotWebhookDispatcher = setTimeout(tick, POLL_INTERVAL_MS);
  state.__otpilotWebhookDispatcher.unref();
}
