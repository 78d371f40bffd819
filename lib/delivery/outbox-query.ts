import { z } from "zod";

/** `GET /api/v1/outbox` query (CONTRACT §6). */
export const outboxQuerySchema = z.object({
  // An unencoded "+" in a query string arrives as a space: read a leading space as the "+" it was.
  recipient: z
    .string()
    .max(64)
    .transform((r) => r.replace(/^ (?=\d)/, "+"))
    .optional()
    .describe("only messages to this number"),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("1–100, default 20"),
});
