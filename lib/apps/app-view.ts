import type { App, PublishableKey } from "@/lib/generated/prisma/client";
import { decrypt, maskSecret } from "@/lib/crypto/encryption";
import { serverKeyring } from "@/lib/config/keyring";
import { effectiveRateLimits } from "@/lib/rate-limit/policies";
import type { ProviderSettings } from "./settings";

/** Provider credentials of an app, decrypted. Only the delivery code and the view below read them. */
export function readProviders(app: Pick<App, "id" | "providersEncrypted">): ProviderSettings {
  if (!app.providersEncrypted) return {};
  return JSON.parse(decrypt(app.providersEncrypted, serverKeyring(), app.id)) as ProviderSettings;
}

/** Provider settings as the API shows them: secrets are write-only, so reads show them masked. */
function maskedProviders(providers: ProviderSettings) {
  return {
    twilio: providers.twilio ? { ...providers.twilio, authToken: maskSecret(providers.twilio.authToken) } : null,
    whatsapp: providers.whatsapp
      ? {
          ...providers.whatsapp,
          accessToken: maskSecret(providers.whatsapp.accessToken),
          appSecret: providers.whatsapp.appSecret ? maskSecret(providers.whatsapp.appSecret) : undefined,
          verifyToken: providers.whatsapp.verifyToken ? maskSecret(providers.whatsapp.verifyToken) : undefined,
        }
      : null,
    http: providers.http
      ? { ...providers.http, secret: providers.http.secret ? maskSecret(providers.http.secret) : undefined }
      : null,
  };
}

/** The public app object of CONTRACT §4b. */
export function appView(app: App & { publishableKeys: Pick<PublishableKey, "key" | "mode" | "revokedAt">[] }) {
  const active = app.publishableKeys.filter((k) => !k.revokedAt);
  return {
    id: app.id,
    name: app.name,
    codeLength: app.codeLength,
    alphabet: app.alphabet,
    ttl: app.ttl,
    maxAttempts: app.maxAttempts,
    resendCooldown: app.resendCooldown,
    maxSends: app.maxSends,
    channels: app.channels,
    defaultLocale: app.defaultLocale,
    allowedCountries: app.allowedCountries,
    allowedOrigins: app.allowedOrigins,
    webhookUrl: app.webhookUrl,
    exposeCode: app.exposeCode,
    rateLimits: effectiveRateLimits(app.rateLimits),
    providers: maskedProviders(readProviders(app)),
    publishableKeys: {
      live: active.find((k) => k.mode === "live")?.key ?? null,
      test: active.find((k) => k.mode === "test")?.key ?? null,
    },
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}

export type AppView = ReturnType<typeof appView>;
