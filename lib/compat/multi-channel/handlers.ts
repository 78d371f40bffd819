import { z } from "zod";
import { readJsonBody, readQuery } from "@/lib/http/body";
import { getVerification } from "@/lib/otp/get-verification";
import { findVerification } from "@/lib/otp/find-verification";
import { resendOtp } from "@/lib/otp/resend-otp";
import { resendOtpSchema, sendOtpSchema, verifyOtpSchema } from "@/lib/otp/schemas";
import { sendOtp } from "@/lib/otp/send-otp";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { listAttempts } from "@/lib/reads/list-attempts";
import { listEvents, logsQuerySchema } from "@/lib/reads/list-events";
import { listQuerySchema, listVerifications } from "@/lib/reads/list-verifications";
import { rateLimitsQuerySchema, readRateLimits } from "@/lib/reads/read-rate-limits";
import { buildReport, reportQuerySchema } from "@/lib/reports/build-report";
import { compatRoute } from "../compat-route";
import { assertSameRecipient } from "../shared";
import { multiChannelOk, multiChannelStyle } from "./style";

/**
 * Reference 002's snake_case names → the native camelCase ones. Bodies and queries are renamed and
 * then validated by the native schemas, so every rule and error message is the native one (field
 * paths in errors are the native names; the docs list the mapping).
 */
const NATIVE_NAME: Record<string, string> = {
  appid: "appId",
  app_id: "appId",
  otp_code: "code",
  verification_id: "id",
  phone_number: "phoneNumber",
  country_code: "countryCode",
  template_id: "templateId",
  code_length: "codeLength",
  external_id: "externalId",
  group_by: "groupBy",
};

function renamed(input: Record<string, unknown>, names: Record<string, string> = NATIVE_NAME): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [names[key] ?? key, value]));
}

/** A body in the reference's names, renamed, then validated by the native schema. */
const nativeBody = <S extends z.ZodType<unknown, Record<string, unknown>>>(schema: S, ignored: string[] = []) =>
  z
    .record(z.string(), z.unknown())
    .transform((body) => renamed(Object.fromEntries(Object.entries(body).filter(([key]) => !ignored.includes(key)))))
    .pipe(schema);

// `from` is the reference's sender name: the sender is the app's provider setting here, so it is accepted and not used.
const sendBody = nativeBody(sendOtpSchema, ["from"]);
const verifyBody = nativeBody(verifyOtpSchema);
const resendBody = nativeBody(resendOtpSchema);

/** Query parameters, renamed; on reads by verification id `verification_id` is `verificationId` for logs. */
function query(request: Request, names?: Record<string, string>): Request {
  const url = new URL(request.url);
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) params.set((names ?? NATIVE_NAME)[key] ?? NATIVE_NAME[key] ?? key, value);
  url.search = params.toString();
  return new Request(url);
}

export const sendMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal, limits, origin }) => {
  const input = await readJsonBody(request, sendBody);
  const sent = await sendOtp(principal, input, limits, origin);
  return multiChannelOk({ verificationId: sent.id, ...sent });
});

export const verifyMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal, limits, ip }) => {
  const input = await readJsonBody(request, verifyBody);
  if (input.id !== undefined) {
    // Both given: the recipient must be the verification's (the reference marks it optional).
    assertSameRecipient(await findVerification(principal, input.id), input);
  }
  const result = await verifyOtp(principal, input, limits, { ip });
  return multiChannelOk({ valid: true, verificationId: result.verification.id, ...result.verification });
});

export const resendMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal, limits }) => {
  const input = await readJsonBody(request, resendBody);
  const resent = await resendOtp(principal, input, limits);
  return multiChannelOk({ verificationId: resent.id, ...resent });
});

const byId = z.object({ id: z.string().max(64) });

export const statusMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal }) => {
  const { id } = readQuery(query(request), byId);
  const verification = await getVerification(principal, id);
  return multiChannelOk({ verificationId: verification.id, ...verification });
});

export const listMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal }) =>
  multiChannelOk(await listVerifications(principal, readQuery(query(request), listQuerySchema))),
);

export const logsMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal }) =>
  multiChannelOk(await listEvents(principal, readQuery(query(request, { verification_id: "verificationId" }), logsQuerySchema))),
);

export const rateLimitsMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal }) =>
  multiChannelOk(await readRateLimits(principal, readQuery(query(request), rateLimitsQuerySchema))),
);

export const attemptsMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal }) => {
  const { id } = readQuery(query(request), byId);
  return multiChannelOk({ verificationId: id, ...(await listAttempts(principal, id)) });
});

export const reportsMultiChannel = compatRoute(multiChannelStyle, async ({ request, principal }) =>
  multiChannelOk(await buildReport(principal, readQuery(query(request), reportQuerySchema))),
);
