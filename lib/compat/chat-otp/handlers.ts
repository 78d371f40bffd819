import { z } from "zod";
import { readJsonBody, readQuery } from "@/lib/http/body";
import { notFound } from "@/lib/http/errors";
import { findVerification } from "@/lib/otp/find-verification";
import { getVerification } from "@/lib/otp/get-verification";
import type { CodeAlphabet } from "@/lib/otp/code";
import { sendOtp } from "@/lib/otp/send-otp";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { listQuerySchema, listVerifications } from "@/lib/reads/list-verifications";
import { compatJson, compatRoute } from "../compat-route";
import { assertSameRecipient, invalidField, stringOrNumber, submittedCode } from "../shared";
import { chatOtpStyle, chatOtpView } from "./style";

/** A WhatsApp chat id of a person: the number's digits with its country code, then `@c.us`. */
const chatId = z
  .string()
  .trim()
  .regex(/^\+?\d{6,15}@c\.us$/, "a WhatsApp chat id such as 5511999888777@c.us")
  .transform((id) => `+${id.replace(/^\+/, "").replace(/@c\.us$/, "")}`);

export const requestBody = z.object({
  chatId,
  length: z.number().int().min(4).max(10).default(6),
  useLetter: z.boolean().default(false),
  useNumber: z.boolean().default(true),
  allCapital: z.boolean().default(false),
  name: z.string().trim().min(1).max(100).optional(),
  expires: z.number().int().min(60).max(86_400).default(1800),
});

export const validateBody = z.object({
  uuid: z.string().max(64).optional(),
  chatId: chatId.optional(),
  code: stringOrNumber(64),
});

/**
 * The reference's three flags → a native alphabet: digits only; letters only (upper-case with
 * `allCapital`, else mixed-case); or both. No letters and no digits is refused.
 */
export function alphabetOf(flags: { useLetter: boolean; useNumber: boolean; allCapital: boolean }): CodeAlphabet {
  if (!flags.useLetter) {
    if (!flags.useNumber) throw invalidField("useNumber", "a code needs letters (useLetter) or numbers (useNumber)");
    return "numeric";
  }
  if (flags.useNumber) return flags.allCapital ? "alphanumeric" : "alphanumericMixedCase";
  return flags.allCapital ? "letters" : "lettersMixedCase";
}

type Instance = { instanceId: string };

/** `POST /{instanceId}/otp/request` → native send on WhatsApp in the app the path names. */
export const requestChatOtp = compatRoute<Instance>(chatOtpStyle, async ({ request, params, principal, limits, origin }) => {
  const body = await readJsonBody(request, requestBody);
  const sent = await sendOtp(
    principal,
    {
      appId: params.instanceId,
      recipient: body.chatId,
      channel: "whatsapp",
      codeLength: body.length,
      alphabet: alphabetOf(body),
      ttl: body.expires,
      name: body.name,
    },
    limits,
    origin,
  );
  return compatJson(chatOtpView(sent));
});

/** `POST /{instanceId}/otp/validate` → native verify by `uuid` (or the chat's newest pending code). */
export const validateChatOtp = compatRoute<Instance>(chatOtpStyle, async ({ request, params, principal, limits, ip }) => {
  const body = await readJsonBody(request, validateBody);
  if (body.uuid !== undefined) {
    const verification = await findVerification(principal, body.uuid);
    if (verification.appId !== params.instanceId) throw notFound("OTP of this instance");
    assertSameRecipient(verification, { recipient: body.chatId });
    const { verification: approved } = await verifyOtp(principal, { id: verification.id, code: submittedCode(body.code, verification) }, limits, { ip });
    return compatJson(chatOtpView(approved));
  }
  if (body.chatId === undefined) throw invalidField("uuid", "give `uuid` (from the request answer) or `chatId`");
  const { verification } = await verifyOtp(principal, { appId: params.instanceId, recipient: body.chatId, code: String(body.code) }, limits, { ip });
  return compatJson(chatOtpView(verification));
});

const listQuery = z.object({
  chatId: chatId.optional(),
  limit: z.string().optional(),
  cursor: z.string().optional(),
});

/** `GET /{instanceId}/otp` → native list of the app's verifications, newest first. */
export const listChatOtp = compatRoute<Instance>(chatOtpStyle, async ({ request, params, principal }) => {
  const { chatId: recipient, limit, cursor } = readQuery(request, listQuery);
  const page = await listVerifications(
    principal,
    readQuery(nativeListRequest({ appId: params.instanceId, recipient, limit, cursor }), listQuerySchema),
  );
  return compatJson({ data: page.data.map(chatOtpView), next_cursor: page.nextCursor });
});

/** `GET /{instanceId}/otp/{uuid}` → one OTP (the reference's "check the uuid to track the status"). */
export const getChatOtp = compatRoute<Instance & { uuid: string }>(chatOtpStyle, async ({ params, principal }) => {
  const verification = await getVerification(principal, params.uuid);
  if (verification.appId !== params.instanceId) throw notFound("OTP of this instance");
  return compatJson(chatOtpView(verification));
});

/** The native list query as a request, so its schema (and error messages) apply unchanged. */
function nativeListRequest(values: Record<string, string | undefined>): Request {
  const url = new URL("http://native/list");
  for (const [key, value] of Object.entries(values)) if (value !== undefined) url.searchParams.set(key, value);
  return new Request(url);
}
