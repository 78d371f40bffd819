import { Webhook } from "standardwebhooks";

/**
 * The Standard Webhooks headers for one attempt. `webhook-timestamp` is the time of this attempt (so a
 * receiver's replay window works on retries); `webhook-signature` carries one `v1,` signature per
 * secret, space-separated: the current one, and during a roll's grace the previous one too.
 */
export function webhookHeaders(
  input: { webhookId: string; body: string; secrets: string[]; at: Date },
): Record<string, string> {
  const signatures = input.secrets.map((secret) => new Webhook(secret).sign(input.webhookId, input.at, input.body));
  return {
    "webhook-id": input.webhookId,
    "webhook-timestamp": String(Math.floor(input.at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
