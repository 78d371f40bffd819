import { z } from "zod";
import { alphabetSchema, channelSchema, rateLimitSettingsSchema } from "@/lib/apps/settings";
import { POLICY_NAMES, type PolicyName } from "@/lib/rate-limit/policies";
import { EVENT_TYPES } from "@/lib/reads/list-events";
import { WEBHOOK_DELIVERY_STATUSES } from "@/lib/webhooks/schemas";

/**
 * The objects the API answers with, as zod schemas for the OpenAPI document. Request schemas are
 * the ones the routes validate with (lib/otp/schemas.ts, lib/apps/settings.ts, …); these describe
 * what the views in lib/ return, and the integration tests parse real responses with them so the
 * document cannot drift from the API. Each `id` becomes a component under #/components/schemas.
 */

const timestamp = z.string().meta({ format: "date-time", description: "ISO 8601, UTC" });
const e164 = z.string().meta({ description: "E.164 phone number", examples: ["+5511999888777"] });

export const verificationStatusSchema = z.enum(["pending", "approved", "expired", "canceled", "failed"]);
export const deliveryStatusSchema = z.enum(["queued", "sent", "delivered", "failed"]);

export const verificationObject = z
  .object({
    id: z.string().meta({ examples: ["ver_01jq3v5b7cfz9tw2m8xk4n6r0d"] }),
    appId: z.string(),
    mode: z.enum(["live", "test"]).describe("the mode of the key that started it; other modes' keys cannot see it"),
    recipient: e164,
    channel: channelSchema,
    status: verificationStatusSchema,
    attempts: z.int().describe("wrong codes given so far; a resend never resets it"),
    maxAttempts: z.int(),
    sendCount: z.int(),
    expiresAt: timestamp,
    resendAvailableAt: timestamp,
    createdAt: timestamp,
    verifiedAt: timestamp.nullable(),
    isNewRecipient: z
      .boolean()
      .describe("true when this recipient was never approved for this tenant before"),
    externalId: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    delivery: z.object({
      status: deliveryStatusSchema,
      channel: channelSchema,
      provider: z.string().meta({ examples: ["outbox", "twilio", "whatsapp", "http"] }),
      updatedAt: timestamp,
    }),
    code: z
      .string()
      .optional()
      .describe("only in send and resend responses, and only when the app's `exposeCode` is on"),
  })
  .meta({ id: "Verification", description: "A verification: one code sent to one recipient (CONTRACT §4)." });

export const verifyResultObject = z
  .object({ valid: z.literal(true), verification: verificationObject })
  .meta({ id: "VerifyResult", description: "The right code: the verification is now approved." });

export const appObject = z
  .object({
    id: z.string().meta({ examples: ["app_01jq3v5b7cfz9tw2m8xk4n6r0d"] }),
    name: z.string(),
    codeLength: z.int(),
    alphabet: alphabetSchema,
    ttl: z.int().describe("code lifetime, seconds"),
    maxAttempts: z.int(),
    resendCooldown: z.int().describe("seconds"),
    maxSends: z.int(),
    channels: z.array(channelSchema).describe("in the order `auto` tries them"),
    defaultLocale: z.string(),
    allowedCountries: z.array(z.string()).describe("ISO 3166 alpha-2; empty means all"),
    allowedOrigins: z.array(z.string()).describe("origins allowed to embed the widget"),
    webhookUrl: z.string().nullable(),
    exposeCode: z.boolean(),
    rateLimits: rateLimitSettingsSchema.required(),
    providers: z
      .object({
        twilio: z.record(z.string(), z.unknown()).nullable(),
        whatsapp: z.record(z.string(), z.unknown()).nullable(),
        http: z.record(z.string(), z.unknown()).nullable(),
      })
      .describe("provider settings; secrets are write-only and read back masked"),
    publishableKeys: z.object({ live: z.string().nullable(), test: z.string().nullable() }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "App", description: "An app: one OTP configuration of a tenant (CONTRACT §4b)." });

export const templateObject = z
  .object({
    id: z.string().meta({ examples: ["tpl_01jq3v5b7cfz9tw2m8xk4n6r0d"] }),
    appId: z.string(),
    channel: channelSchema,
    locale: z.string().describe("BCP 47, canonical form"),
    body: z.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Template", description: "A message template of an app for one channel and locale." });

export const templatePreviewObject = z
  .object({
    body: z.string().describe("the message with sample values"),
    channel: channelSchema,
    segments: z.int().nullable().describe("SMS segments; null for WhatsApp"),
    encoding: z.enum(["GSM-7", "UCS-2"]).nullable().describe("SMS encoding; null for WhatsApp"),
    characters: z.int(),
    locale: z.string(),
    source: z.enum(["body", "template", "builtin"]),
  })
  .meta({ id: "TemplatePreview" });

export const outboxMessageObject = z
  .object({
    id: z.string(),
    to: e164,
    channel: channelSchema,
    body: z.string(),
    createdAt: timestamp,
    verificationId: z.string().nullable(),
  })
  .meta({ id: "OutboxMessage", description: "A message a test-mode send produced (CONTRACT §6)." });

export const problemObject = z
  .looseObject({
    type: z.string().meta({ examples: ["https://otpilot.dev/errors/invalid_request"] }),
    title: z.string(),
    status: z.int().describe("the HTTP status"),
    detail: z.string().describe("what went wrong and what to change"),
    // Each error response of the document lists the codes that operation can answer.
    code: z.string().describe("stable, machine-readable: branch on this, not on `detail`"),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("invalid_request: the fields that failed validation"),
    attemptsRemaining: z.int().optional().describe("invalid_code: wrong codes still allowed"),
    retryAfter: z.int().optional().describe("rate_limited: seconds to wait"),
  })
  .meta({
    id: "Problem",
    description: "An RFC 9457 problem document; `code` is stable and machine-readable (CONTRACT §3).",
  });

/** `{"data": [...]}`, with `nextCursor` for paginated lists. */
export function listOf(item: z.ZodType, paginated = false) {
  const data = z.array(item);
  return paginated
    ? z.object({
        data,
        nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last"),
      })
    : z.object({ data });
}

export const attemptObject = z
  .object({
    at: timestamp,
    success: z.boolean(),
    reason: z.string().meta({ examples: ["approved", "invalid_code", "too_many_attempts"] }),
    ip: z.string().nullable(),
  })
  .meta({ id: "VerifyAttempt", description: "One verify call on a verification." });

export const eventObject = z
  .object({
    id: z.string(),
    type: z.enum(EVENT_TYPES),
    at: timestamp,
    verificationId: z.string().nullable(),
    data: z.unknown().describe("details of the event; never a code"),
  })
  .meta({ id: "Event", description: "An entry of the event log." });

export const rateLimitStateObject = z
  .object({
    name: z.enum(POLICY_NAMES as [PolicyName, ...PolicyName[]]),
    limit: z.int(),
    remaining: z.int(),
    reset: z.int().describe("seconds until the window ends, like RateLimit-Reset"),
    resetAt: timestamp,
  })
  .meta({ id: "RateLimitState", description: "One limit's state; reading it consumes nothing." });

const counters = {
  sent: z.int().describe("verifications started"),
  delivered: z.int().describe("verifications with a delivered message"),
  approved: z.int(),
  failed: z.int(),
  conversionRate: z.number().min(0).max(1).describe("approved / sent"),
  medianTimeToVerifySeconds: z.number().nullable(),
};

export const reportObject = z
  .object({
    from: timestamp,
    to: timestamp,
    interval: z.enum(["hour", "day"]),
    totals: z.object(counters),
    series: z.array(z.object({ start: timestamp, ...counters })),
    groups: z.array(
      z.object({ key: z.string().describe("a channel or an ISO 3166 alpha-2 code"), ...counters }),
    ),
  })
  .meta({ id: "Report", description: "The verification funnel over a time range (CONTRACT §4)." });

export const webhookDeliveryObject = z
  .object({
    id: z.string(),
    webhookId: z.string().describe("the `webhook-id` header, the same on every retry"),
    eventType: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.int(),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: timestamp.nullable(),
    lastAttemptAt: timestamp.nullable(),
    deliveredAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: "WebhookDelivery", description: "One event sent, or being sent, to the app's webhook URL." });
