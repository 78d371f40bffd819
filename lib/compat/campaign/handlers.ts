import { z } from "zod";
import { findVerification } from "@/lib/otp/find-verification";
import { sendOtp } from "@/lib/otp/send-otp";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { compatJson, compatRoute } from "../compat-route";
import { assertSameRecipient, invalidField, stringOrNumber, submittedCode } from "../shared";
import { campaignParams, parseCampaign } from "./params";
import { campaignStyle } from "./style";

/**
 * `msisdn` is the number in international form without `+` (a leading `+` or `00` is accepted too).
 * `partner`, `userId`, `aid`, `mid` and `type` are the campaign's bookkeeping: kept in the
 * verification's metadata (as strings), never interpreted. `appId` is ours, for keys with several apps.
 */
const msisdn = stringOrNumber(32).transform((value) => {
  const text = String(value).trim();
  return text.startsWith("+") ? text : `+${text.replace(/^00/, "")}`;
});
const text = (max: number) => stringOrNumber(max).transform(String).optional();
const bookkeeping = { partner: text(128), userId: text(128), aid: text(32), mid: text(32) };

export const genParams = z.object({ msisdn, type: text(64), appId: z.string().max(64).optional(), ...bookkeeping });
export const verifyParams = z.object({
  msisdn: msisdn.optional(),
  otp: stringOrNumber(64),
  request_id: z.string().max(64).optional(),
  appId: z.string().max(64).optional(),
  ...bookkeeping,
});

/** `POST /api/af/otp_gen` → native send; `{"status": "200", "response": "otp_sent", "data": "<request_id>"}`. */
export const generateCampaignOtp = compatRoute(campaignStyle, async ({ request, principal, limits, origin }) => {
  const { msisdn: recipient, appId, ...metadata } = parseCampaign(await campaignParams(request), genParams);
  const sent = await sendOtp(principal, { appId, recipient, metadata: dropUndefined(metadata) }, limits, origin);
  return compatJson({ status: "200", response: "otp_sent", data: sent.id, ...(sent.code ? { code: sent.code } : {}) });
});

/**
 * `POST /api/af/otp_verify` → native verify by `request_id` (the msisdn, when given, must be its
 * recipient), or by msisdn alone (its newest pending verification); `{"status": "200", "response": "otp_verified"}`.
 */
export const verifyCampaignOtp = compatRoute(campaignStyle, async ({ request, principal, limits, ip }) => {
  const params = parseCampaign(await campaignParams(request), verifyParams);
  if (params.request_id !== undefined) {
    const verification = await findVerification(principal, params.request_id);
    assertSameRecipient(verification, { recipient: params.msisdn });
    await verifyOtp(principal, { id: verification.id, code: submittedCode(params.otp, verification) }, limits, { ip });
  } else if (params.msisdn !== undefined) {
    await verifyOtp(principal, { appId: params.appId, recipient: params.msisdn, code: String(params.otp) }, limits, { ip });
  } else {
    throw invalidField("request_id", "give `request_id` (the `data` of the otp_gen answer) or `msisdn`");
  }
  return compatJson({ status: "200", response: "otp_verified" });
});

function dropUndefined(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
