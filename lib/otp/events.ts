import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { updateRollup } from "@/lib/reports/rollup";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";
import type { EventType } from "./event-types";

export { EVENT_TYPES, type EventType } from "./event-types";

/**
 * Appends an event, and when the app has a webhook, the delivery it owes (lib/webhooks). Call it with
 * the transaction that makes the change it records, after that change: the webhook carries the
 * verification as the transaction sees it. Callers that hold the event's app may pass it, which saves
 * reading its webhook URL again.
 */
export async function recordEvent(
  tx: Prisma.TransactionClient,
  event: {
    tenantId: string;
    appId?: string | null;
    verificationId?: string | null;
    /** events of a verification take its mode in the database; give it for events of none */
    mode?: "live" | "test" | null;
    type: EventType;
    data?: Prisma.InputJsonObject;
  },
  app?: { id: string; webhookUrl: string | null },
): Promise<void> {
  const created = await tx.event.create({
    data: {
      id: newId("evt"),
      tenantId: event.tenantId,
      appId: event.appId ?? null,
      verificationId: event.verificationId ?? null,
      mode: event.mode ?? null,
      type: event.type,
      data: event.data ?? {},
    },
  });
  await updateRollup(tx, created);
  await enqueueWebhook(tx, { ...created, at: created.createdAt }, app);
}
