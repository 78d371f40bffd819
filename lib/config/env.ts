import { z } from "zod";

/**
 * Every environment variable OTPilot reads, validated once. `.env.example` documents each one.
 * A missing or malformed value fails at start-up with a message that names the variable, instead
 * of deep inside a request.
 */
const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(" or ")}`,
    });

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * The public URL of this server: token issuer, WebOTP host, provider callbacks, links in the
   * console. Required in production; NEXTAUTH_URL stands in for it when only that is set.
   */
  OTPILOT_BASE_URL: optionalUrl(["http://", "https://"]),
  /** next-auth's public URL: the base URL when OTPILOT_BASE_URL is not set. */
  NEXTAUTH_URL: optionalUrl(["http://", "https://"]),
  /** PostgreSQL. Unset: the embedded database in OTPILOT_DATA_DIR. */
  DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
  /** Connections per server process to DATABASE_URL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Named prepared statements on the send/verify path (lib/db/direct-sql.ts). 0 behind PgBouncer < 1.21 in transaction mode. */
  DATABASE_PREPARED_STATEMENTS: z
    .enum(["0", "1", "true", "false", ""])
    .optional()
    .transform((v) => v !== "0" && v !== "false"),
  OTPILOT_DATA_DIR: z.string().min(1).default(".data"),
  /** Rate-limit store: Upstash over REST (production), or a Redis over TCP (self-hosters). */
  UPSTASH_REDIS_REST_URL: optionalUrl(["http://", "https://"]),
  UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
  REDIS_URL: optionalUrl(["redis://", "rediss://"]),
  /** HMAC key for code hashes: at least 32 bytes, hex or base64. */
  OTPILOT_CODE_PEPPER: z.string().min(32).optional(),
  /** AES-256-GCM keys for credentials at rest: `kid:base64key[,kid:base64key…]`, the first encrypts. */
  OTPILOT_ENCRYPTION_KEYS: z
    .string()
    .regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/, {
      message: "must be kid:base64(32 bytes)[,kid:base64(32 bytes)…]",
    })
    .optional(),
  /** ES256 private key (PKCS#8 PEM) that signs widget tokens. */
  OTPILOT_SIGNING_KEY: z.string().includes("PRIVATE KEY").optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /** How many reverse proxies in front of this server append to X-Forwarded-For (0: trust none). */
  OTPILOT_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  OTPILOT_ALLOW_PRIVATE_WEBHOOKS: flag,
  /** Create a demo tenant on the first start with an empty database (default on, except in production). */
  OTPILOT_DEMO_TENANT: z.enum(["0", "1"]).optional(),
  TWILIO_API_BASE_URL: z.url().default("https://api.twilio.com"),
  WHATSAPP_API_BASE_URL: z.url().default("https://graph.facebook.com"),
  /** Run the job worker (message delivery, retries, fallback) inside the server process; 0 when `npm run worker` runs it. */
  OTPILOT_WORKER: z.enum(["0", "1"]).default("1"),
  /** Seconds to wait for a delivery receipt before `channel: "auto"` falls back to the next channel. */
  OTPILOT_DELIVERY_RECEIPT_TIMEOUT: z.coerce.number().int().min(1).max(3600).default(60),
  /** Bearer token for GET /api/metrics (Prometheus); unset: the endpoint answers 404. */
  OTPILOT_METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || v.length >= 16, { message: "must be at least 16 characters" }),
  /** `npm run worker` only: serve GET /metrics on this port (with OTPILOT_METRICS_TOKEN). */
  OTPILOT_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses an environment; throws a ConfigError that lists every bad variable and what to set. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(
      `Invalid configuration. Fix these environment variables (see .env.example):\n${lines.join("\n")}`,
    );
  }
  const env = result.data;
  // One public URL: a deployment that configured next-auth's already said where it is served.
  env.OTPILOT_BASE_URL ??= env.NEXTAUTH_URL;
  if (env.UPSTASH_REDIS_REST_URL && !env.UPSTASH_REDIS_REST_TOKEN) {
    throw new ConfigError("UPSTASH_REDIS_REST_URL is set but UPSTASH_REDIS_REST_TOKEN is not: set both.");
  }
  return env;
}

/**
 * A production deployment must know its public URL: without it Twilio would be told to call back
 * http://localhost:3000 and every SMS would end with "@localhost" (WebOTP). Server and worker refuse
 * to start instead (the CLI does not need it). A deployment is production with DATABASE_URL, as for
 * the shared secrets (lib/config/secrets.ts); `npm start` with no configuration at all (the embedded
 * database) still runs on localhost, as CONTRACT §10 promises, and says so at start.
 */
export function isDeployment(config: Env): boolean {
  return config.NODE_ENV === "production" && Boolean(config.DATABASE_URL);
}

export function requireBaseUrl(config: Env): void {
  if (!isDeployment(config) || config.OTPILOT_BASE_URL) return;
  throw new ConfigError(
    "OTPILOT_BASE_URL is not set. In production OTPilot needs its public URL, e.g. OTPILOT_BASE_URL=https://verify.example.com: " +
      "providers call back to it, SMS texts end with its host for WebOTP autofill, and widget tokens name it as issuer. " +
      "Set OTPILOT_BASE_URL (or NEXTAUTH_URL) and start again.",
  );
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function baseUrl(): string {
  const e = env();
  requireBaseUrl(e);
  return (e.OTPILOT_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
}
