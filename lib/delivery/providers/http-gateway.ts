import { Webhook } from "standardwebhooks";
import type { ProviderSettings } from "@/lib/apps/settings";
import { env } from "@/lib/config/env";
import { BlockedAddressError, resolveWebhookTarget, type WebhookTarget } from "@/lib/webhooks/resolve-webhook-target";
import { sendWebhook } from "@/lib/webhooks/send-webhook";
import { PROVIDER_TIMEOUT_MS, retryableStatus } from "./http-call";
import { ProviderError, type DeliveryProvider, type OutgoingMessage } from "./types";

type HttpSettings = NonNullable<ProviderSettings["http"]>;

/**
 * A tenant's own gateway: the message is POSTed as JSON, signed like our webhooks (Standard Webhooks
 * headers with the provider's `secret`; a `whsec_…` secret is used as Standard Webhooks defines it,
 * any other as raw bytes). `webhook-id` is the same on every try of one message, so the gateway can
 * drop duplicates. A 2xx means accepted; a JSON answer's `id` is kept as the message id.
 *
 * The URL is the tenant's, so the call goes through the webhook SSRF guard: the host is resolved
 * once, every address must be public (unless OTPILOT_ALLOW_PRIVATE_WEBHOOKS), the connection goes to
 * that pinned address, and redirects are not followed. Failures are reported to the tenant (the
 * delivery's errorCode in /otp/logs) without saying what our network saw — refused, reset, timed
 * out, unresolvable and blocked all read "gateway_unreachable" — so the gateway URL cannot be used
 * to probe hosts and ports around the server.
 */
export function httpGatewayProvider(settings: HttpSettings, options: { allowPrivate?: boolean } = {}): DeliveryProvider {
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
      const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "OTPilot" };
      const now = new Date();
      headers["webhook-id"] = message.messageKey;
      headers["webhook-timestamp"] = String(Math.floor(now.getTime() / 1000));
      if (settings.secret) {
        const signer = settings.secret.startsWith("whsec_") ? new Webhook(settings.secret) : new Webhook(settings.secret, { format: "raw" });
        headers["webhook-signature"] = signer.sign(message.messageKey, now, body);
      }
      const allowPrivate = options.allowPrivate ?? env().OTPILOT_ALLOW_PRIVATE_WEBHOOKS;
      let target: WebhookTarget;
      try {
        target = await resolveWebhookTarget(settings.url, allowPrivate);
      } catch (error) {
        // A blocked address will not become public by retrying; a failed lookup might.
        throw unreachable(!(error instanceof BlockedAddressError));
      }
      let response: { status: number; body: string };
      try {
        response = await sendWebhook(target, body, headers, PROVIDER_TIMEOUT_MS);
      } catch {
        throw unreachable(true);
      }
      if (response.status >= 300 && response.status < 400) {
        throw new ProviderError("the gateway answered with a redirect, which is not followed", "gateway_redirect", false);
      }
      if (response.status < 200 || response.status >= 300) {
        throw new ProviderError(`the gateway answered HTTP ${response.status}`, `http_${response.status}`, retryableStatus(response.status));
      }
      return { providerMessageId: messageIdOf(response.body), status: "sent" };
    },
  };
}

function unreachable(retryable: boolean): ProviderError {
  return new ProviderError(
    "could not deliver to the gateway URL (it must resolve to a public address and accept the connection)",
    "gateway_unreachable",
    retryable,
  );
}

function messageIdOf(body: string): string | null {
  try {
    const answer = JSON.parse(body) as { id?: unknown } | null;
    return typeof answer?.id === "string" ? answer.id : null;
  } catch {
    return null;
  }
}
