import {
  cancelOtpSchema,
  resendOtpSchema,
  sendOtpSchema,
  statusQuerySchema,
  verifyOtpSchema,
} from "@/lib/otp/schemas";
import type { ApiOperation } from "../registry";
import { verificationObject, verifyResultObject } from "../schemas";

const verificationId = { id: "the verification id (`ver_…`)" };

export const otpOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/otp/send",
    operationId: "sendOtp",
    tag: "Verifications",
    summary: "Send a code",
    description:
      "Starts a verification and sends a fresh code by SMS or WhatsApp (test keys: to the outbox). A pending " +
      "verification of the same recipient in the same app is canceled. With an `Idempotency-Key`, a repeat " +
      "within 24 h returns the first response and sends nothing.",
    body: sendOtpSchema,
    idempotent: true,
    response: { status: 201, description: "The verification, status `pending`.", schema: verificationObject },
    errors: [
      "invalid_phone_number",
      "forbidden",
      "country_blocked",
      "not_found",
      "idempotency_conflict",
      "channel_unavailable",
      "unsupported_number",
    ],
  },
  {
    method: "post",
    path: "/api/v1/otp/verify",
    operationId: "verifyOtp",
    tag: "Verifications",
    summary: "Check a code",
    description:
      "Checks the code the user typed, by verification id or by recipient (the newest pending verification). " +
      "A code works once; comparison is constant-time and ignores spaces and dashes. The `maxAttempts`-th " +
      "wrong code answers 429 `too_many_attempts` and the verification becomes `failed`.",
    body: verifyOtpSchema,
    response: { status: 200, description: "The right code.", schema: verifyResultObject },
    errors: [
      "invalid_phone_number",
      "forbidden",
      "not_found",
      "already_verified",
      "expired",
      "canceled",
      "failed",
      "invalid_code",
      "too_many_attempts",
    ],
  },
  {
    method: "post",
    path: "/api/v1/otp/resend",
    operationId: "resendOtp",
    tag: "Verifications",
    summary: "Resend a code",
    description:
      "Sends a fresh code for the same verification (the previous code stops working). Keeps `attempts`; " +
      "answers 429 before `resendAvailableAt` and after `maxSends` sends.",
    body: resendOtpSchema,
    response: {
      status: 200,
      description: "The verification with `sendCount` incremented.",
      schema: verificationObject,
    },
    errors: [
      "forbidden",
      "not_found",
      "already_verified",
      "expired",
      "canceled",
      "failed",
      "channel_unavailable",
    ],
  },
  {
    method: "post",
    path: "/api/v1/otp/cancel",
    operationId: "cancelOtp",
    tag: "Verifications",
    summary: "Cancel a verification",
    body: cancelOtpSchema,
    response: {
      status: 200,
      description: "The verification, status `canceled`.",
      schema: verificationObject,
    },
    errors: ["forbidden", "not_found", "already_verified"],
  },
  {
    method: "get",
    path: "/api/v1/otp/status",
    operationId: "getOtpStatus",
    tag: "Verifications",
    summary: "Read a verification (query)",
    query: statusQuerySchema,
    response: { status: 200, description: "The verification.", schema: verificationObject },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/v1/otp/{id}",
    operationId: "getOtp",
    tag: "Verifications",
    summary: "Read a verification",
    pathParams: verificationId,
    response: { status: 200, description: "The verification.", schema: verificationObject },
    errors: ["forbidden", "not_found"],
  },
];
