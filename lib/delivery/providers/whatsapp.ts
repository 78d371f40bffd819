import type { ProviderSettings } from "@/lib/apps/settings";
import { postToProvider, readJson, retryableStatus } from "./http-call";
import { ProviderError, type DeliveryProvider, type OutgoingMessage } from "./types";

type WhatsAppSettings = NonNullable<ProviderSettings["whatsapp"]>;

const WHATSAPP_API_VERSION = "v21.0";

// Meta error codes worth retrying: rate limits (4, 80007, 130429, 131048, 131056) and transient
// server errors (1, 2, 131000, 131016, 133004).
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

/**
 * WhatsApp through Meta's Cloud API: `POST /{version}/{phone-number-id}/messages` with a bearer token,
 * sending the app's authentication template. The code fills the body's `{{1}}` and the copy-code /
 * one-tap button's URL parameter, as Meta documents for authentication templates.
 * `biz_opaque_callback_data` carries our attempt id, and Meta echoes it in the status webhooks.
 */
export function whatsappProvider(settings: WhatsAppSettings, options: { apiBaseUrl: string }): DeliveryProvider {
  return {
    name: "whatsapp",
    async send(message: OutgoingMessage) {
      const url = `${options.apiBaseUrl.replace(/\/+$/, "")}/${WHATSAPP_API_VERSION}/${encodeURIComponent(settings.phoneNumberId)}/messages`;
      const payload = {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: message.to.replace(/^\+/, ""),
        type: "template",
        template: {
          name: settings.templateName,
          language: { code: settings.templateLanguage ?? "en" },
          components: [
            { type: "body", parameters: [{ type: "text", text: message.code }] },
            { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: message.code }] },
          ],
        },
        biz_opaque_callback_data: message.attemptId,
      };
      const response = await postToProvider(url, {
        headers: { Authorization: `Bearer ${settings.accessToken}`, "Content-Type": "application/json" },
        body: JSON.stringify(payload),
      });
      const body = await readJson(response);
      if (!response.ok) {
        const error = (body?.error ?? {}) as { code?: number; message?: string };
        const code = typeof error.code === "number" ? error.code : null;
        throw new ProviderError(
          error.message ?? `HTTP ${response.status}`,
          code !== null ? `whatsapp_${code}` : `http_${response.status}`,
          retryableStatus(response.status) || (code !== null && RETRYABLE_CODES.has(code)),
        );
      }
      const messages = (body?.messages ?? []) as Array<{ id?: string }>;
      return { providerMessageId: messages[0]?.id ?? null, status: "sent" };
    },
  };
}
