import { z } from "zod";

/** `POST /api/v1/tokens/verify` (CONTRACT §8). */
export const verifyTokenSchema = z
  .object({
    token: z.string().max(8192).describe("the token the widget handed your page (otpilot:verified / onVerified)"),
    nonce: z
      .string()
      .max(256)
      .optional()
      .describe("the nonce your page gave the widget; required when the token carries one"),
  })
  .strict();

export type VerifyTokenInput = z.infer<typeof verifyTokenSchema>;

export const verifiedTokenObject = z.object({
  valid: z.literal(true),
  recipient: z.string().describe("E.164"),
  appId: z.string(),
  verificationId: z.string(),
  origin: z.string().describe("the origin of the page that embedded the widget"),
  verifiedAt: z.string().describe("ISO 8601"),
});
