import { EVENT_TYPES, type EventType } from "@/lib/events/event-types";

/**
 * The events an app's webhook receives: every event about a verification — its lifecycle and its
 * message's delivery — so a tenant can mirror the state without polling. `rate_limit.hit` is only
 * in the log: it concerns a key or a recipient, not a verification, and would flood a receiver
 * under attack. Receivers should ignore types they do not know; new ones may be added.
 */
export type WebhookEventType = Exclude<EventType, "rate_limit.hit">;

const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = EVENT_TYPES.filter(
  (type): type is WebhookEventType => type !== "rate_limit.hit",
);

export function isWebhookEvent(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}
