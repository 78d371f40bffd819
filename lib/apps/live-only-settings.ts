import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { assertLiveKey } from "@/lib/keys/require-app";
import type { AppSettingsInput } from "./settings";

/**
 * The app settings only a live key may set (CONTRACT §4b): each one can reach live traffic's codes
 * or data — provider credentials (where live messages go), `exposeCode` (codes in API responses)
 * and `webhookUrl` (where live verifications are posted). Every other setting (name, code rules,
 * channels, locale, countries, widget origins, per-app rate limits) and templates may be changed
 * with a test key too: a tenant's integration tests set them up, they are validated, and none of
 * them reveals a code or redirects a message.
 */
const LIVE_ONLY_SETTINGS = ["providers", "exposeCode", "webhookUrl"] as const satisfies (keyof AppSettingsInput)[];

/** 403 `forbidden` when a test key's create/update touches a live-only setting. */
export function assertSettingsAllowedForKey(principal: ApiKeyPrincipal, settings: AppSettingsInput): void {
  const touched = LIVE_ONLY_SETTINGS.filter((name) => settings[name] !== undefined);
  if (touched.length > 0) assertLiveKey(principal, `change ${touched.map((name) => `\`${name}\``).join(", ")}`);
}
