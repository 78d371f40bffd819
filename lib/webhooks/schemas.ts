import { z } from "zod";

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed", "canceled"] as const;

/** Query of `GET /api/v1/apps/{id}/webhook-deliveries`. */
export const webhookDeliveriesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** the `nextCursor` of the previous page */
    cursor: z.string().regex(/^whd_[0-7][0-9a-hjkmnp-tv-z]{25}$/, "a nextCursor from a previous page").optional(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  })
  .strict();

export type WebhookDeliveriesQuery = z.infer<typeof webhookDeliveriesQuerySchema>;

/** `GET` and `POST /api/v1/apps/{id}/webhook-secret` take no query and no body. */
export const webhookSecretResponseSchema = z.object({
  secret: z.string().startsWith("whsec_"),
  /** POST only: until when the replaced secret still signs (null when there was none) */
  previousSecretExpiresAt: z.iso.datetime().nullable().optional(),
});
