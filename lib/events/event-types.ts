// A leaf module (no imports): the webhook code reads this list while record-event.ts calls the
// webhook code, so the list must not live in record-event.ts itself.

/** Event types of the log (CONTRACT §4 `/otp/logs`) and of tenant webhooks (§9): the one list. */
export const EVENT_TYPES = [
  "verification.created",
  "verification.approved",
  "verification.failed",
  "verification.expired",
  "verification.canceled",
  "verification.resent",
  "message.sent",
  "message.delivered",
  "message.failed",
  "rate_limit.hit",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
