import { z } from "zod";
import { powSolutionSchema } from "./proof-of-work";

/** Bodies of the widget API (`/api/widget/{publishableKey}/…`): what the hosted page sends. */
const locale = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).max(35);
/** The origin of the page that embedded the widget, as the loader told the iframe (checked against allowedOrigins). */
const embeddingOrigin = z.string().max(300).nullish();

export const widgetSendSchema = z
  .object({
    phone: z.string().min(1).max(64),
    country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
    channel: z.enum(["sms", "whatsapp"]).optional(),
    locale: locale.optional(),
    origin: embeddingOrigin,
    pow: powSolutionSchema,
  })
  .strict();

export const widgetVerifySchema = z
  .object({ id: z.string().max(64), code: z.string().min(1).max(64), nonce: z.string().max(256).optional() })
  .strict();

export const widgetResendSchema = z
  .object({ id: z.string().max(64), channel: z.enum(["sms", "whatsapp"]).optional(), pow: powSolutionSchema })
  .strict();

export type WidgetSendInput = z.infer<typeof widgetSendSchema>;
export type WidgetVerifyInput = z.infer<typeof widgetVerifySchema>;
export type WidgetResendInput = z.infer<typeof widgetResendSchema>;
