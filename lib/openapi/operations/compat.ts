import type { z } from "zod";
import { genParams, verifyParams } from "@/lib/compat/campaign/handlers";
import { requestBody as chatRequestBody, validateBody as chatValidateBody } from "@/lib/compat/chat-otp/handlers";
import { sendBody as configSendBody, verifyBody as configVerifyBody } from "@/lib/compat/config-otp/handlers";
import type { CompatStyle } from "@/lib/compat/compat-route";
import { registerBody, verifyBody as userAuthVerifyBody } from "@/lib/compat/user-auth/handlers";
import type { HttpMethod } from "../registry";

/**
 * The compatibility routes (CONTRACT §12) as the OpenAPI document shows them, under the `Compat`
 * tag. They answer in their reference API's shapes (not problem+json): /docs/compat has the
 * mapping; request bodies are documented with the zod schemas the routes validate with.
 */
export type CompatOperation = {
  method: HttpMethod;
  path: string;
  operationId: string;
  style: CompatStyle;
  summary: string;
  pathParams?: Record<string, string>;
  body?: z.ZodType;
  /** the body's parameters may also be sent in the query string (campaign) */
  queryToo?: boolean;
  response: { status: number; description: string };
  /** statuses of the style's own error bodies this route can answer */
  errors: number[];
};

const COMMON_ERRORS = [400, 401, 404, 413, 415, 429, 503];
const VERIFY_ERRORS = [...COMMON_ERRORS, 403, 409, 410, 422];

export const COMPAT_OPERATIONS: CompatOperation[] = [
  {
    method: "post",
    path: "/compat/config-otp/otp/{ref}/sendOTP",
    operationId: "compatConfigOtpSend",
    style: "config-otp",
    summary: "config-otp: send (the path's id is the app id)",
    pathParams: { ref: "the app id (the reference's OTP config id)" },
    body: configSendBody,
    response: { status: 201, description: '{"id","message":"success"}' },
    errors: [...COMMON_ERRORS, 403, 422],
  },
  {
    method: "post",
    path: "/compat/config-otp/otp/{ref}/verifyOTP",
    operationId: "compatConfigOtpVerify",
    style: "config-otp",
    summary: "config-otp: verify by the id the send answered",
    pathParams: { ref: "the verification id" },
    body: configVerifyBody,
    response: { status: 200, description: '{"id","message":"success"}' },
    errors: VERIFY_ERRORS,
  },
  {
    method: "post",
    path: "/compat/user-auth/fe/users/auth/otp/register",
    operationId: "compatUserAuthRegister",
    style: "user-auth",
    summary: "user-auth: register (send a code)",
    body: registerBody,
    response: { status: 200, description: '{"authCode","isNewUser"}' },
    errors: [...COMMON_ERRORS, 403, 422],
  },
  {
    method: "post",
    path: "/compat/user-auth/fe/users/auth/otp/verify",
    operationId: "compatUserAuthVerify",
    style: "user-auth",
    summary: "user-auth: verify with the authCode and the code",
    body: userAuthVerifyBody,
    response: { status: 200, description: '{"message":"Phone number verified successfully"}' },
    errors: VERIFY_ERRORS,
  },
  {
    method: "post",
    path: "/compat/user-auth/fe/users/auth/otp/resend",
    operationId: "compatUserAuthResend",
    style: "user-auth",
    summary: "user-auth: resend to the number's pending verification",
    body: registerBody,
    response: { status: 200, description: '{"authCode","isNewUser"}' },
    errors: [...COMMON_ERRORS, 409, 410, 422],
  },
  ...(["send", "verify", "resend"] as const).map(
    (name): CompatOperation => ({
      method: "post",
      path: `/compat/multi-channel/otp/${name}`,
      operationId: `compatMultiChannel${name[0]!.toUpperCase()}${name.slice(1)}`,
      style: "multi-channel",
      summary: `multi-channel: ${name} (the native body with snake_case names: appid, otp_code, verification_id, …)`,
      response: { status: 200, description: '{"success":true, …the verification with snake_case keys}' },
      errors: VERIFY_ERRORS,
    }),
  ),
  ...(["status", "list", "logs", "rate-limits", "attempts", "reports"] as const).map(
    (name): CompatOperation => ({
      method: "get",
      path: `/compat/multi-channel/otp/${name}`,
      operationId: `compatMultiChannel${name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`,
      style: "multi-channel",
      summary: `multi-channel: ${name} (the native read, snake_case parameters and fields)`,
      response: { status: 200, description: '{"success":true, …}' },
      errors: [400, 401, 403, 404, 429, 503],
    }),
  ),
  {
    method: "post",
    path: "/compat/campaign/api/af/otp_gen",
    operationId: "compatCampaignGenerate",
    style: "campaign",
    summary: "campaign: generate (parameters in the query string or the body)",
    body: genParams,
    queryToo: true,
    response: { status: 200, description: '{"status":"200","response":"otp_sent","data":"<request_id>"}' },
    errors: [...COMMON_ERRORS, 403, 422],
  },
  {
    method: "post",
    path: "/compat/campaign/api/af/otp_verify",
    operationId: "compatCampaignVerify",
    style: "campaign",
    summary: "campaign: verify (parameters in the query string or the body)",
    body: verifyParams,
    queryToo: true,
    response: { status: 200, description: '{"status":"200","response":"otp_verified"}' },
    errors: VERIFY_ERRORS,
  },
  {
    method: "post",
    path: "/compat/chat-otp/{instanceId}/otp/request",
    operationId: "compatChatOtpRequest",
    style: "chat-otp",
    summary: "chat-otp: request a code on WhatsApp",
    pathParams: { instanceId: "the app id" },
    body: chatRequestBody,
    response: { status: 200, description: '{"uuid","chat_id","status","otp_type","expires_at","created_at", "code" only with exposeCode}' },
    errors: [...COMMON_ERRORS, 403, 422],
  },
  {
    method: "post",
    path: "/compat/chat-otp/{instanceId}/otp/validate",
    operationId: "compatChatOtpValidate",
    style: "chat-otp",
    summary: "chat-otp: validate a code",
    pathParams: { instanceId: "the app id" },
    body: chatValidateBody,
    response: { status: 200, description: "the OTP with status validated" },
    errors: VERIFY_ERRORS,
  },
  {
    method: "get",
    path: "/compat/chat-otp/{instanceId}/otp",
    operationId: "compatChatOtpList",
    style: "chat-otp",
    summary: "chat-otp: list the instance's OTPs (chatId, limit, cursor)",
    pathParams: { instanceId: "the app id" },
    response: { status: 200, description: '{"data":[…],"next_cursor"}' },
    errors: [400, 401, 403, 404, 429, 503],
  },
  {
    method: "get",
    path: "/compat/chat-otp/{instanceId}/otp/{uuid}",
    operationId: "compatChatOtpGet",
    style: "chat-otp",
    summary: "chat-otp: one OTP",
    pathParams: { instanceId: "the app id", uuid: "the OTP's uuid (verification id)" },
    response: { status: 200, description: "the OTP" },
    errors: [401, 403, 404, 429, 503],
  },
];

/** Where each style takes its credential, as OpenAPI security requirements (schemes in document.ts). */
export const COMPAT_SECURITY: Record<CompatStyle, Array<Record<string, string[]>>> = {
  "config-otp": [{ secretHeader: [] }],
  "user-auth": [{ userJwtToken: [] }],
  "multi-channel": [{ bearer: [] }, { basic: [] }, { keyId: [], keySecret: [] }, { secretHeader: [] }],
  campaign: [{ campaignKey: [] }],
  "chat-otp": [{ bearer: [] }],
};
