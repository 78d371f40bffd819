import type { Prisma } from "@/lib/generated/prisma/client";
import { encrypt } from "@/lib/crypto/encryption";
import { serverKeyring } from "@/lib/config/keyring";
import { assertOutboundUrlAllowed, assertWebhookUrlAllowed } from "@/lib/webhooks/address-guard";
import { readProviders } from "./app-view";
import type { AppSettingsInput, ProviderSettings } from "./settings";

export const withPublishableKeys = { publishableKeys: { select: { key: true, mode: true, revokedAt: true } } } as const;

/**
 * Turns validated settings into columns. `rateLimits` and `providers` are partial updates merged
 * into what the app has (a provider set to null is removed); provider credentials are encrypted
 * with the app id as associated data, so a ciphertext copied to another app does not decrypt.
 */
export function settingsToColumns(
  appId: string,
  settings: AppSettingsInput,
  current?: { rateLimits: Prisma.JsonValue; providersEncrypted: string | null },
): Prisma.AppUncheckedUpdateInput {
  const { rateLimits, providers, ...plain } = settings;
  if (plain.webhookUrl) assertWebhookUrlAllowed(plain.webhookUrl);
  // The HTTP gateway is an outbound URL the tenant controls, like the webhook: the same guard.
  if (providers?.http?.url) assertOutboundUrlAllowed(providers.http.url, "providers.http.url");
  const columns: Prisma.AppUncheckedUpdateInput = { ...plain };
  if (rateLimits) {
    const existing = (current?.rateLimits ?? {}) as Record<string, unknown>;
    columns.rateLimits = { ...existing, ...rateLimits };
  }
  if (providers) {
    const existing = current ? readProviders({ id: appId, providersEncrypted: current.providersEncrypted }) : {};
    const merged: ProviderSettings = { ...existing, ...providers };
    for (const name of Object.keys(merged) as (keyof ProviderSettings)[]) {
      if (merged[name] === null) delete merged[name];
    }
    columns.providersEncrypted = Object.keys(merged).length
      ? encrypt(JSON.stringify(merged), serverKeyring(), appId)
      : null;
  }
  return columns;
}
