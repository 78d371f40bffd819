import type { App } from "@/lib/generated/prisma/client";
import { readProviders } from "@/lib/apps/app-view";
import { ApiError } from "@/lib/http/errors";
import type { KeyMode } from "@/lib/keys/secret-format";

export type Channel = "sms" | "whatsapp";
export type DeliveryPlan = { provider: "outbox" | "twilio" | "whatsapp" | "http"; channel: Channel };

/** The channel of a send: the requested one if the app offers it; `auto` or none: the app's first. */
export function chooseChannel(app: App, requested: "sms" | "whatsapp" | "auto" | undefined): Channel {
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
 * Who delivers: test-mode keys always the outbox (CONTRACT §1, §6); live keys the provider the app
 * configured for the channel, or 422 `channel_unavailable`.
 */
export function planDelivery(app: App, mode: KeyMode, channel: Channel): DeliveryPlan {
  if (mode === "test") return { provider: "outbox", channel };
  const providers = readProviders(app);
  const configured = channel === "sms" ? providers.twilio : providers.whatsapp;
  if (!configured && !providers.http) {
    throw new ApiError(
      "channel_unavailable",
      `No ${channel === "sms" ? "SMS (Twilio)" : "WhatsApp"} provider is configured for this app. Configure one, or use a test key to deliver to the outbox.`,
    );
  }
  // Live provider delivery lands with the delivery pipeline; until then live sends are refused.
  throw new ApiError("channel_unavailable", `Live delivery by ${channel} is not available on this server yet. Use a test key.`);
}
