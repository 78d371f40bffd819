import type { App, Prisma } from "@/lib/generated/prisma/client";
import { readProviders } from "@/lib/apps/app-view";
import { baseUrl, env } from "@/lib/config/env";
import { httpGatewayProvider } from "./http-gateway";
import { outboxProvider } from "./outbox";
import { twilioProvider } from "./twilio";
import type { DeliveryProvider, ProviderName } from "./types";
import { whatsappProvider } from "./whatsapp";

/** The adapter for a provider, with the app's credentials. The outbox writes through `tx`. */
export function createProvider(name: ProviderName, app: Pick<App, "id" | "providersEncrypted">, tx: Prisma.TransactionClient): DeliveryProvider {
  if (name === "outbox") return outboxProvider(tx);
  const providers = readProviders(app);
  switch (name) {
    case "twilio":
      return twilioProvider(providers.twilio!, {
        apiBaseUrl: env().TWILIO_API_BASE_URL,
        statusCallbackUrl: (attemptId) => `${baseUrl()}/api/callbacks/twilio?attempt=${attemptId}`,
      });
    case "whatsapp":
      return whatsappProvider(providers.whatsapp!, { apiBaseUrl: env().WHATSAPP_API_BASE_URL });
    case "http":
      return httpGatewayProvider(providers.http!);
  }
}
