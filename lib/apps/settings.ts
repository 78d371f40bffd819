import { z } from "zod";
import { CODE_ALPHABET_NAMES } from "@/lib/otp/alphabets";

/**
 * The settings of an app (CONTRACT §4b): one schema for POST/PATCH /api/v1/apps, the CLI's
 * `app:update --set`, and the console. Defaults live in the database schema.
 */
const countryCode = z.string().regex(/^[A-Za-z]{2}$/, "an ISO 3166 alpha-2 code such as \"US\"").transform((c) => c.toUpperCase());
const origin = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value.replace(/\/$/, "");
    } catch {
      return false;
    }
  }, "an origin such as \"https://example.com\" (scheme, host and port only)")
  .transform((value) => new URL(value).origin);

export const channelSchema = z.enum(["sms", "whatsapp"]);
export const alphabetSchema = z.enum(CODE_ALPHABET_NAMES);
const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

export const rateLimitSettingsSchema = z
  .object({
    sendsPerRecipient: z.number().int().min(1).max(1_000_000),
    sendsPerRecipientWindow: seconds(1, 30 * 86_400),
    verifiesPerRecipient: z.number().int().min(1).max(1_000_000),
    verifiesPerRecipientWindow: seconds(1, 30 * 86_400),
    widgetSendsPerIp: z.number().int().min(1).max(1_000_000),
    sendsPerNumberPrefix: z.number().int().min(1).max(1_000_000),
    // requestsPerKeyPerSecond and the daily send cap are tenant settings (lib/tenants/tenant-settings.ts).
  })
  .partial()
  .strict();

const providerSettingsSchema = z
  .object({
    twilio: z
      .object({
        accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "a Twilio Account SID (AC followed by 32 hex digits)"),
        authToken: z.string().min(8).max(256),
        from: z.string().min(1).max(64).optional(),
        messagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/, "a Messaging Service SID (MG…)").optional(),
      })
      .strict()
      .refine((t) => t.from || t.messagingServiceSid, "set `from` or `messagingServiceSid`")
      .nullable(),
    whatsapp: z
      .object({
        phoneNumberId: z.string().regex(/^\d{5,32}$/, "the numeric phone number id from Meta"),
        accessToken: z.string().min(8).max(1024),
        templateName: z.string().regex(/^[a-z0-9_]{1,512}$/, "a template name (lower case, digits, underscores)"),
        templateLanguage: z.string().min(2).max(16).default("en"),
        /** the Meta app secret: status webhooks are signed with it (X-Hub-Signature-256) */
        appSecret: z.string().min(8).max(256).optional(),
        /** the token Meta echoes in the webhook subscription handshake (hub.verify_token) */
        verifyToken: z.string().min(8).max(256).optional(),
      })
      .strict()
      .nullable(),
    http: z
      .object({
        url: z.url({ protocol: /^https?$/ }),
        secret: z.string().min(16).max(256).optional(),
      })
      .strict()
      .nullable(),
  })
  .partial()
  .strict();

export const appSettingsSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    codeLength: z.number().int().min(4).max(10),
    alphabet: alphabetSchema,
    ttl: seconds(60, 86_400),
    maxAttempts: z.number().int().min(1).max(10),
    resendCooldown: seconds(0, 3600),
    maxSends: z.number().int().min(1).max(20),
    channels: z.array(channelSchema).min(1).max(2).refine((c) => new Set(c).size === c.length, "channels must not repeat"),
    defaultLocale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a BCP 47 tag such as \"en\" or \"pt-BR\""),
    allowedCountries: z.array(countryCode).max(250),
    allowedOrigins: z.array(origin).max(50),
    webhookUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable(),
    exposeCode: z.boolean(),
    rateLimits: rateLimitSettingsSchema,
    providers: providerSettingsSchema,
  })
  .partial()
  .strict();

export type AppSettingsInput = z.infer<typeof appSettingsSchema>;
export type RateLimitSettings = z.infer<typeof rateLimitSettingsSchema>;
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

export const createAppSchema = appSettingsSchema.required({ name: true });
