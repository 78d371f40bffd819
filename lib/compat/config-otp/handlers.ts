import { z } from "zod";
import { readJsonBody } from "@/lib/http/body";
import { findVerification } from "@/lib/otp/find-verification";
import { sendOtp } from "@/lib/otp/send-otp";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { compatJson, compatRoute } from "../compat-route";
import { assertSameRecipient, stringOrNumber, submittedCode } from "../shared";
import { configOtpStyle } from "./style";

/** Reference 000's bodies: the number without its country code, and the country code beside it. */
const phone = { mobileNumber: stringOrNumber(64).transform(String), countryCode: stringOrNumber(8).transform(String) };

export const sendBody = z.object({ name: z.string().trim().min(1).max(100).optional(), ...phone });
export const verifyBody = z.object({
  otp: stringOrNumber(64),
  mobileNumber: phone.mobileNumber.optional(),
  countryCode: phone.countryCode.optional(),
});

type Ref = { ref: string };

/** `POST /otp/{appId}/sendOTP` → native send in the app the path names; `201 {"id","message"}`. */
export const sendConfigOtp = compatRoute<Ref>(configOtpStyle, async ({ request, params, principal, limits, origin }) => {
  const body = await readJsonBody(request, sendBody);
  const sent = await sendOtp(principal, { appId: params.ref, ...body }, limits, origin);
  return compatJson({ id: sent.id, message: "success", ...(sent.code ? { code: sent.code } : {}) }, 201);
});

/** `POST /otp/{id}/verifyOTP` → native verify by id (the number, when given, must be the verification's); `200 {"id","message"}`. */
export const verifyConfigOtp = compatRoute<Ref>(configOtpStyle, async ({ request, params, principal, limits, ip }) => {
  const body = await readJsonBody(request, verifyBody);
  const verification = await findVerification(principal, params.ref);
  assertSameRecipient(verification, { phoneNumber: body.mobileNumber, countryCode: body.countryCode });
  await verifyOtp(principal, { id: verification.id, code: submittedCode(body.otp, verification) }, limits, { ip });
  return compatJson({ id: verification.id, message: "success" });
});
