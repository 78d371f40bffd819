import { z } from "zod";
import { readJsonBody } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { findVerification } from "@/lib/otp/find-verification";
import { resendOtp } from "@/lib/otp/resend-otp";
import { sendOtp } from "@/lib/otp/send-otp";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { compatJson, compatRoute } from "../compat-route";
import { newestPending, stringOrNumber, submittedCode } from "../shared";
import { authCodeFor, authCodeMatches } from "./auth-code";
import { userAuthStyle } from "./style";

/** Reference 001's phone fields; `appId` is ours, needed only when the key can use several apps. */
const phoneBody = {
  phone_number: stringOrNumber(64).transform(String),
  countryCode: stringOrNumber(8).transform(String),
  appId: z.string().max(64).optional(),
};
export const registerBody = z.object(phoneBody);
export const verifyBody = z.object({ ...phoneBody, authCode: stringOrNumber(32), otp: stringOrNumber(64) });

const phoneOf = (body: { phone_number: string; countryCode: string; appId?: string }) => ({
  appId: body.appId,
  phoneNumber: body.phone_number,
  countryCode: body.countryCode,
});

/** The register/resend answer: the handle to keep for verify, and whether the number is new to the tenant. */
function handleAnswer(verification: { id: string; isNewRecipient: boolean; code?: string }): Response {
  return compatJson({
    authCode: authCodeFor(verification.id),
    isNewUser: verification.isNewRecipient,
    ...(verification.code ? { code: verification.code } : {}),
  });
}

/** `POST /fe/users/auth/otp/register` → native send; `200 {"authCode","isNewUser"}`. */
export const registerUserAuth = compatRoute(userAuthStyle, async ({ request, principal, limits, origin }) => {
  const body = await readJsonBody(request, registerBody);
  return handleAnswer(await sendOtp(principal, phoneOf(body), limits, origin));
});

/**
 * `POST /fe/users/auth/otp/verify` → the number's newest pending verification, which must be the one
 * the authCode names, then native verify; `200 {"message"}`.
 */
export const verifyUserAuth = compatRoute(userAuthStyle, async ({ request, principal, limits, ip }) => {
  const body = await readJsonBody(request, verifyBody);
  const pending = await newestPending(principal, phoneOf(body));
  if (!authCodeMatches(body.authCode, pending.id)) {
    throw new ApiError("invalid_request", "This authCode is not the one of this phone number's pending verification: use the authCode of the newest register or resend answer.", {
      errors: [{ path: "authCode", message: "not the handle of the pending verification" }],
    });
  }
  const verification = await findVerification(principal, pending.id);
  await verifyOtp(principal, { id: verification.id, code: submittedCode(body.otp, verification) }, limits, { ip });
  return compatJson({ message: "Phone number verified successfully" });
});

/** `POST /fe/users/auth/otp/resend` → native resend of the number's pending verification; same answer as register. */
export const resendUserAuth = compatRoute(userAuthStyle, async ({ request, principal, limits }) => {
  const body = await readJsonBody(request, registerBody);
  const pending = await newestPending(principal, phoneOf(body));
  return handleAnswer(await resendOtp(principal, { id: pending.id }, limits));
});
