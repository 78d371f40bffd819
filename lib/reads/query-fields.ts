import { z } from "zod";

/** Query-string fields shared by the read endpoints (CONTRACT §4 "Reading"). */

export const limitSchema = z.coerce
  .number({ error: "an integer from 1 to 100" })
  .int("an integer from 1 to 100")
  .min(1, "an integer from 1 to 100")
  .max(100, "an integer from 1 to 100")
  .default(20)
  .describe("page size, 1–100 (default 20)");

/**
 * An ISO 8601 time ("2026-11-23T10:00:00Z", with an offset, or a date "2026-11-23" = its UTC
 * midnight). An unencoded "+" of an offset arrives as a space; it is read back as "+".
 */
export const timeSchema = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().replace(/ (\d{2}(:?\d{2})?)$/, "+$1") : value),
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'an ISO 8601 time such as "2026-11-23T10:00:00Z"',
    })
    .transform((value) => new Date(value)),
);

/**
 * A phone number in a query string, in any spelling the API accepts. An unencoded "+" arrives as a
 * space, so a number that starts with a space and a digit gets its "+" back.
 */
export const recipientQuerySchema = z
  .string()
  .max(64)
  .transform((value) => (/^\s+\d/.test(value) ? `+${value.trim()}` : value.trim()))
  // The pattern documents what the server requires (lib/otp/resolve-target.ts): the + and country code.
  .meta({
    description: "a phone number with its country code, starting with + (spaces, dashes, dots and brackets are ignored)",
    pattern: "^\\s*[+\\uFF0B]",
  });

type TimeRange = { from?: Date; to?: Date };

/** Refinement for schemas with `from` and `to`: `from` must not be after `to`. */
export function fromNotAfterTo(range: TimeRange, ctx: z.RefinementCtx): void {
  if (range.from && range.to && range.from > range.to) {
    ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after `to`" });
  }
}

/** Prisma `where` on createdAt for `from` (inclusive) and `to` (exclusive). */
export function createdBetween(range: TimeRange) {
  if (!range.from && !range.to) return {};
  return { createdAt: { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) } };
}
