import { typeid } from "typeid-js";

/**
 * Prefixed, time-sortable ids (TypeID: `prefix_` + a UUIDv7 in 26 Crockford base32 characters).
 * The prefix says what an id points at, in logs and in support tickets; the UUIDv7 sorts by
 * creation time, so ids make stable cursors and index well.
 */
export const ID_PREFIXES = {
  ten: "tenant",
  usr: "console user",
  mem: "membership",
  app: "app",
  key: "secret API key",
  pk: "publishable key",
  tpl: "template",
  ver: "verification",
  dla: "delivery attempt",
  vat: "verify attempt",
  evt: "event",
  idem: "idempotency record",
  rcp: "recipient",
  msg: "outbox message",
  whd: "webhook delivery",
  req: "request",
  inv: "invitation",
  pwr: "password reset",
  aud: "audit log entry",
} as const;

export type IdPrefix = keyof typeof ID_PREFIXES;

export function newId(prefix: IdPrefix): string {
  return typeid(prefix).toString();
}

// A TypeID suffix is 26 lower-case Crockford base32 characters; the first is at most 7 because
// 26 × 5 bits is 130 and a UUID has 128.
const SUFFIX = "[0-7][0-9a-hjkmnp-tv-z]{25}";
const patterns = new Map<IdPrefix, RegExp>(
  (Object.keys(ID_PREFIXES) as IdPrefix[]).map((prefix) => [prefix, new RegExp(`^${prefix}_${SUFFIX}$`)]),
);

/**
 * Whether `value` is a well-formed id of that kind. Check inbound ids with it before any query,
 * so a malformed id answers 404/400 instead of reaching the database.
 */
export function isId(prefix: IdPrefix, value: unknown): value is string {
  return typeof value === "string" && patterns.get(prefix)!.test(value);
}
