import type { ProviderSettings } from "@/lib/apps/settings";
import { postToProvider, readJson, retryableStatus } from "./http-call";
import { ProviderError, type DeliveryProvider, type OutgoingMessage } from "./types";

type TwilioSettings = NonNullable<ProviderSettings["twilio"]>;

// Twilio error codes that are worth retrying although their HTTP status is a 4xx.
const RETRYABLE_CODES = new Set([20429, 30001, 30500]);

/**
 * SMS through Twilio's Messages API: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded, HTTP Basic auth with the Account SID and auth token. The status callback URL carries
 * our attempt id, so a receipt finds its attempt even when the worker died before it stored the SID.
 */
export function twilioProvider(settings: TwilioSettings, options: { apiBaseUrl: string; statusCallbackUrl: (attemptId: string) => string }): DeliveryProvider {
  return {
    name: "twilio",
    async send(message: OutgoingMessage) {
      const form = new URLSearchParams({ To: message.to, Body: message.body, StatusCallback: options.statusCallbackUrl(message.attemptId) });
      if (settings.messagingServiceSid) form.set("MessagingServiceSid", settings.messagingServiceSid);
      else form.set("From", settings.from!);
      const url = `${options.apiBaseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
      const response = await postToProvider(url, {
        headers: {
          Authorization: `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString("base64")}`,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: form.toString(),
      });
      const body = await readJson(response);
      if (!response.ok) {
        const code = typeof body?.code === "number" ? body.code : null;
        const detail = typeof body?.message === "string" ? body.message : `HTTP ${response.status}`;
        // e.g. 21211 invalid To, 21610 unsubscribed recipient, 20003 bad credentials: permanent.
        throw new ProviderError(detail, code ? `twilio_${code}` : `http_${response.status}`, retryableStatus(response.status) || (code !== null && RETRYABLE_CODES.has(code)));
      }
      const sid = typeof body?.sid === "string" ? body.sid : null;
      return { providerMessageId: sid, status: "sent" };
    },
  };
}
