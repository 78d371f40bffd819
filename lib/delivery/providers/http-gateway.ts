import { Webhook } from "standardwebhooks";
import type { ProviderSettings } from "@/lib/apps/settings";
import { postToProvider, readJson, retryableStatus } from "./http-call";
import { ProviderError, type DeliveryProvider, type OutgoingMessage } from "./types";

type HttpSettings = NonNullable<ProviderSettings["http"]>;

/**
 * A tenant's own gateway: the message is POSTed as JSON, signed like our webhooks (Standard Webhooks
 * headers with the provider's `secret`; a `whsec_…` secret is used as Standard Webhooks defines it,
 * any other as raw bytes). `webhook-id` is the same on every try of one message, so the gateway can
 * drop duplicates. A 2xx means accepted; a JSON answer's `id` is kept as the message id.
 */
export function httpGatewayProvider(settings: HttpSettings): DeliveryProvider {
  return {
    name: "http",
    async send(message: OutgoingMessage) {
      const body = JSON.stringify({
        type: "message.send",
        timestamp: new Date().toISOString(),
        data: {
          id: message.messageKey,
          to: message.to,
          channel: message.channel,
          body: message.body,
          code: message.code,
          locale: message.locale,
          verificationId: message.verificationId,
          appId: message.appId,
        },
      });
      const headers: Record<string, string> = { "Content-Type": "application/json", "User-Agent": "OTPilot" };
      const now = new Date();
      headers["webhook-id"] = message.messageKey;
      headers["webhook-timestamp"] = String(Math.floor(now.getTime() / 1000));
      if (settings.secret) {
        const signer = settings.secret.startsWith("whsec_") ? new Webhook(settings.secret) : new Webhook(settings.secret, { format: "raw" });
        headers["webhook-signature"] = signer.sign(message.messageKey, now, body);
      }
      const response = await postToProvider(settings.url, { headers, body });
      if (!response.ok) {
        throw new ProviderError(`the gateway answered HTTP ${response.status}`, `http_${response.status}`, retryableStatus(response.status));
      }
      const answer = await readJson(response);
      return { providerMessageId: typeof answer?.id === "string" ? answer.id : null, status: "sent" };
    },
  };
}
