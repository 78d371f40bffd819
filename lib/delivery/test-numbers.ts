/**
 * Magic test numbers (test mode only; live keys send to them like to any number). They are
 * Australian mobile numbers that ACMA reserves for fiction, so no one can own them, and they pass the
 * usual phone validation. They let a tenant exercise error handling and channel fallback.
 */
const TEST_NUMBERS = {
  /** every delivery fails permanently: delivery.status `failed`, `message.failed` */
  "+61491570006": "fails",
  /** the first try fails with a retryable error; the automatic retry is delivered */
  "+61491570156": "fails-once",
  /** the first channel fails permanently; with `channel: "auto"` the next channel delivers */
  "+61491570157": "first-channel-fails",
  /** messages are sent but never delivered (no receipt): `auto` falls back after the receipt timeout */
  "+61491570158": "no-receipt",
} as const;

export type TestBehaviour = (typeof TEST_NUMBERS)[keyof typeof TEST_NUMBERS];

export function testBehaviour(e164: string): TestBehaviour | null {
  return (TEST_NUMBERS as Record<string, TestBehaviour>)[e164] ?? null;
}
