import type { EventType } from "@/lib/otp/events";

/**
 * The events an app's webhook receives: every event about a verification — its lifecycle and its
 * message's delivery — so a tenant can mirror the state without polling. `rate_limit.hit` is only
 * in the log: it concerns a key or a recipient, not a verification, and would flood a receiver
 * under attack. Receivers should ignore types they do not know; new ones may be added.
 */
export const WEBHOOK_EVENT_TYPES = [
  "verification.created",
  "verification.approved",
  "verification.failed",
  "verification.expired",
  "verification.canceled",
  "verification.resent",
  "message.sent",
  "message.delivered",
  "message.failed",
] as const satisfies readonly EventType[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEvent(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}
