import type { Channel } from "../plan-delivery";

export type ProviderName = "outbox" | "twilio" | "whatsapp" | "http";

/** One message for one provider call. */
export type OutgoingMessage = {
  /** our DeliveryAttempt id: providers that can echo a reference send it back in status callbacks */
  attemptId: string;
  /** the same on every try of this message, so a receiver that dedupes (the HTTP gateway) can */
  messageKey: string;
  tenantId: string;
  appId: string;
  verificationId: string;
  /** E.164 */
  to: string;
  channel: Channel;
  body: string;
  code: string;
  locale: string;
  /** which channel of the plan (0 = first) and which try on it (0 = first) */
  step: number;
  try: number;
};

/** What a provider said when it took the message: `sent` (accepted, a receipt may follow) or `delivered`. */
export type SendResult = { providerMessageId: string | null; status: "sent" | "delivered" };

/**
 * A provider refused or failed to take the message. `retryable`: the same request may succeed later
 * (5xx, 429, timeouts, network errors); otherwise retrying cannot help (invalid number, bad credentials).
 */
export class ProviderError extends Error {
  override name = "ProviderError";
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface DeliveryProvider {
  readonly name: ProviderName;
  send(message: OutgoingMessage): Promise<SendResult>;
}
