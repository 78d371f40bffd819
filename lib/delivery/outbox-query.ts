import { z } from "zod";
import { limitSchema, recipientQuerySchema } from "@/lib/reads/query-fields";

/** `GET /api/v1/outbox` query (CONTRACT §6): the same recipient and limit fields as the other reads. */
export const outboxQuerySchema = z.object({
  recipient: recipientQuerySchema.optional().describe("only messages to this number"),
  limit: limitSchema,
});
