import { z } from "zod";
import { env } from "@/lib/config/env";

/**
 * The console's own settings, read from the environment once. Kept beside the console (not in
 * lib/config/env.ts) because only sign-in reads them; `.env.example` documents each.
 */
const schema = z.object({
  /** `open`: anyone may sign up and get a new tenant. Default: open in development, closed in production. */
  OTPILOT_SIGNUP: z.enum(["open", "closed", ""]).optional(),
  /** `smtp://user:pass@host:587` or `smtps://…`: sends password-reset and invitation emails. Unset: links are printed in the server log. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("")),
  /** Sender of those emails. */
  MAIL_FROM: z.string().optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
});

export type AuthEnv = {
  signupOpen: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  github: { clientId: string; clientSecret: string } | null;
  google: { clientId: string; clientSecret: string } | null;
};

export function authEnv(source: Record<string, string | undefined> = process.env): AuthEnv {
  const parsed = schema.parse(source);
  const production = env().NODE_ENV === "production";
  return {
    signupOpen: parsed.OTPILOT_SIGNUP ? parsed.OTPILOT_SIGNUP === "open" : !production,
    smtpUrl: parsed.SMTP_URL || null,
    mailFrom: parsed.MAIL_FROM || "OTPilot <no-reply@otpilot.local>",
    github:
      parsed.GITHUB_ID && parsed.GITHUB_SECRET ? { clientId: parsed.GITHUB_ID, clientSecret: parsed.GITHUB_SECRET } : null,
    google:
      parsed.GOOGLE_CLIENT_ID && parsed.GOOGLE_CLIENT_SECRET
        ? { clientId: parsed.GOOGLE_CLIENT_ID, clientSecret: parsed.GOOGLE_CLIENT_SECRET }
        : null,
  };
}
