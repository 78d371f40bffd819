import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { updateRollup } from "@/lib/reports/rollup";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";
import type { EventType } from "./event-types";

export { EVENT_TYPES, type EventType } from "./event-types";

export type NewEvent = {
  tenantId: string;
  appId?: string | null;
  verificationId?: string | null;
  /** events of a verification take its mode unless given; give it for events of none */
  mode?: "live" | "test" | null;
  type: EventType;
  data?: Prisma.InputJsonObject;
};

/**
 * Appends an event, moves the report rollups it counts in, and when the app has a webhook, writes the
 * delivery it owes (lib/webhooks). Call it with the transaction that makes the change it records,
 * after that change: the webhook carries the verification as the transaction sees it. Callers that
 * hold the event's app may pass it, which saves reading its webhook URL again.
 *
 * The hot paths (send, verify) write their events inside their own statement (event-sql.ts); this is
 * for the others (delivery worker, provider callbacks, expiry, cancel, the rate limiter).
 */
export async function recordEvent(
  tx: Prisma.TransactionClient,
  event: NewEvent,
  app?: { id: string; webhookUrl: string | null },
): Promise<void> {
  await recordEvents(tx, [event], app);
}

/** recordEvent for several events of one transaction, in order. */
export async function recordEvents(
  tx: Prisma.TransactionClient,
  events: NewEvent[],
  app?: { id: string; webhookUrl: string | null },
): Promise<void> {
  for (const event of events) {
    const id = newId("evt");
    const verificationId = event.verificationId ?? null;
    // Mode and source (widget, compat:<style>) from the verification, in the insert itself (one statement, no trigger).
    const rows = await tx.$queryRaw<{ createdAt: Date }[]>`
      INSERT INTO "Event" ("id", "tenantId", "appId", "verificationId", "mode", "type", "data", "createdAt")
      SELECT ${id}, ${event.tenantId}, ${event.appId ?? null}, ${verificationId},
             COALESCE(${event.mode ?? null}::"KeyMode", v."mode"), ${event.type},
             ${JSON.stringify(event.data ?? {})}::jsonb
               || CASE WHEN v."source" <> 'api' THEN jsonb_build_object('source', v."source") ELSE '{}'::jsonb END,
             now()
        FROM (SELECT 1) AS one LEFT JOIN "Verification" v ON v."id" = ${verificationId}
   RETURNING "createdAt"`;
    await updateRollup(tx, { id, type: event.type, verificationId });
    await enqueueWebhook(
      tx,
      { id, tenantId: event.tenantId, appId: event.appId ?? null, verificationId, type: event.type, at: rows[0]!.createdAt },
      app,
    );
  }
}
