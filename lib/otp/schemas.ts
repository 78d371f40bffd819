import { z } from "zod";
import { alphabetSchema } from "@/lib/apps/settings";
import { ApiError } from "@/lib/http/errors";
import { minCodeLength, type CodeAlphabet } from "./alphabets";

/** Request bodies of the OTP API (CONTRACT §4). The OpenAPI document is generated from these. */

const phoneFields = {
  recipient: z
    .string()
    .max(64)
    .optional()
    .meta({
      description: "the number with its country code, starting with + (spaces, dashes, dots and brackets are ignored)",
      pattern: "^\\s*[+\\uFF0B]",
    }),
  phoneNumber: z.string().max(64).optional().describe("the national number; give countryCode too"),
  mobileNumber: z.string().max(64).optional().describe("alias of phoneNumber"),
  countryCode: z.string().max(8).optional().describe('"+91", "91" or "IN"'),
};

const METADATA_MAX_BYTES = 4096;

/** `appId` of calls that act on one app. */
const appIdField = z
  .string()
  .max(64)
  .optional()
  .describe("the app; required when the key can use more than one app (the tenant has several and the key is not restricted to one)");

export const sendOtpSchema = z
  .object({
    appId: appIdField,
    ...phoneFields,
    channel: z.enum(["sms", "whatsapp", "auto"]).optional(),
    locale: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as "en" or "pt-BR"')
      .optional(),
    name: z.string().trim().min(1).max(100).optional(),
    templateId: z.string().max(64).optional(),
    codeLength: z.number().int().min(4).max(10).optional(),
    alphabet: alphabetSchema.optional(),
    ttl: z.number().int().min(60).max(86_400).optional(),
    externalId: z.string().min(1).max(128).optional(),
    metadata: z
      .record(z.string(), z.unknown())
      .describe("at most 4 KiB as JSON and 18 levels deep; no NUL characters or lone surrogates in keys or values")
      .refine((m) => Buffer.byteLength(JSON.stringify(m)) <= METADATA_MAX_BYTES, "metadata must be at most 4 KiB as JSON")
      .optional(),
  })
  .refine((b) => b.recipient || b.phoneNumber || b.mobileNumber, {
    message: "give `recipient` (with its +country code), or `phoneNumber` with `countryCode`",
    path: ["recipient"],
  })
  .superRefine((b, ctx) => {
    const problem = b.alphabet && b.codeLength !== undefined ? codeLengthProblem(b.codeLength, b.alphabet) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["codeLength"], message: problem });
  });

/** Why a code length is too short for an alphabet (each keeps its minimum entropy), or null. */
export function codeLengthProblem(codeLength: number, alphabet: CodeAlphabet): string | null {
  const min = minCodeLength(alphabet);
  return codeLength < min ? `${alphabet} codes need at least ${min} characters (20 bits of entropy)` : null;
}

/**
 * A send's effective length and alphabet (the request's or the app's) must fit together: 400 naming
 * `codeLength` otherwise, e.g. an app of 4-character codes asked for `letters`.
 */
export function assertCodeLengthFits(codeLength: number, alphabet: CodeAlphabet): void {
  const problem = codeLengthProblem(codeLength, alphabet);
  if (problem) {
    throw new ApiError("invalid_request", `The request body is invalid: codeLength: ${problem}.`, {
      errors: [{ path: "codeLength", message: problem }],
    });
  }
}

export type SendOtpInput = z.infer<typeof sendOtpSchema>;

const codeSchema = z.string().min(1).max(64).describe("the code the user typed; spaces and dashes are ignored");

export const verifyOtpSchema = z
  .object({ id: z.string().max(64).optional(), appId: appIdField, ...phoneFields, code: codeSchema })
  .refine((b) => b.id || b.recipient || b.phoneNumber || b.mobileNumber, {
    message: "give `id`, or `recipient` (or `phoneNumber` with `countryCode`)",
    path: ["id"],
  });

export type VerifyOtpInput = z.infer<typeof verifyOtpSchema>;

export const resendOtpSchema = z.object({ id: z.string().max(64), channel: z.enum(["sms", "whatsapp", "auto"]).optional() });
export const cancelOtpSchema = z.object({ id: z.string().max(64) });
export const statusQuerySchema = z.object({ id: z.string().max(64) });
