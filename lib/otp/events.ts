import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";

/** Event types of the log (CONTRACT §4 `/otp/logs`) and of tenant webhooks (§9). */
export type EventType =
  | "verification.created"
  | "verification.approved"
  | "verification.failed"
  | "verification.expired"
  | "verification.canceled"
  | "verification.resent"
  | "message.sent"
  | "message.delivered"
  | "message.failed"
  | "rate_limit.hit";

/** Appends an event. Call it with the transaction that makes the change it records. */
export async function recordEvent(
  tx: Prisma.TransactionClient,
  event: { tenantId: string; appId?: string | null; verificationId?: string | null; type: EventType; data?: Prisma.InputJsonObject },
): Promise<void> {
  await tx.event.create({
    data: {
      id: newId("evt"),
      tenantId: event.tenantId,
      appId: event.appId ?? null,
      verificationId: event.verificationId ?? null,
      type: event.type,
      data: event.data ?? {},
    },
  });
}
