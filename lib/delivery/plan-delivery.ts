import type { App } from "@/lib/generated/prisma/client";
import { readProviders } from "@/lib/apps/app-view";
import { ApiError } from "@/lib/http/errors";
import type { KeyMode } from "@/lib/keys/secret-format";
import type { ProviderName } from "./providers/types";

export type Channel = "sms" | "whatsapp";
export type RequestedChannel = Channel | "auto";
/** The channels a send may use, in order, and who delivers the first one. */
export type DeliveryPlan = { channels: Channel[]; channel: Channel; provider: ProviderName };

/** The channel of a send: the requested one if the app offers it; `auto` or none: the app's first. */
function chooseChannel(app: App, requested: RequestedChannel | undefined): Channel {
  const channels = app.channels as Channel[];
  if (!requested || requested === "auto") return channels[0] ?? "sms";
  if (!channels.includes(requested)) {
    throw new ApiError("channel_unavailable", `This app does not send by ${requested}; its channels are ${channels.join(", ")}.`, {
      channels,
    });
  }
  return requested;
}

/**
 * Who delivers a channel: test-mode keys always the outbox (CONTRACT §1, §6); live keys the app's
 * provider for the channel (Twilio for SMS, Meta for WhatsApp), else the app's own HTTP gateway,
 * else nobody (null).
 */
export function providerFor(app: Pick<App, "id" | "providersEncrypted">, mode: KeyMode, channel: Channel): ProviderName | null {
  if (mode === "test") return "outbox";
  const providers = readProviders(app);
  if (channel === "sms" && providers.twilio) return "twilio";
  if (channel === "whatsapp" && providers.whatsapp) return "whatsapp";
  return providers.http ? "http" : null;
}

/**
 * The delivery plan of a send. `auto` walks the app's channel order, keeping the channels that can
 * deliver: a failed or unconfirmed message moves on to the next one. A named channel (or none: the
 * app's first) is tried alone. Nothing that can deliver: 422 `channel_unavailable`.
 */
export function planDelivery(app: App, mode: KeyMode, requested: RequestedChannel | undefined): DeliveryPlan {
  const candidates = requested === "auto" ? (app.channels as Channel[]) : [chooseChannel(app, requested)];
  const channels = candidates.filter((channel) => providerFor(app, mode, channel) !== null);
  const first = channels[0];
  if (!first) {
    const wanted = candidates.map((c) => (c === "sms" ? "SMS (Twilio)" : "WhatsApp")).join(" or ");
    throw new ApiError(
      "channel_unavailable",
      `No ${wanted} provider is configured for this app. Configure one (or an HTTP gateway), or use a test key to deliver to the outbox.`,
      { channels: candidates },
    );
  }
  return { channels, channel: first, provider: providerFor(app, mode, first)! };
}
