import type { Prisma, Template } from "@/lib/generated/prisma/client";
import { VersionedCache } from "@/lib/keys/versioned-cache";
import { DEFAULT_LOCALES } from "./default-templates";
import { chooseLocale } from "./resolve-locale";

export type TemplateChoice = {
  /** the app's own template for the channel and locale; null means the built-in one */
  template: Template | null;
  locale: string;
};

/**
 * The template a message uses when the send named none: the app's own template or a built-in one, in
 * chooseLocale's order (the tenant's templates before built-ins at every step).
 */
export async function chooseTemplate(
  client: Prisma.TransactionClient,
  input: {
    appId: string;
    appDefaultLocale: string;
    channel: "sms" | "whatsapp";
    requested?: string;
    recipientCountry?: string;
    /**
     * The tenant's configuration version read before this call (ApiKeyPrincipal.configVersion):
     * with it the app's templates may come from this process's cache. Template writes announce a
     * change (lib/keys/config-version.ts), so an edited template is used from the next send on.
     */
    configVersion?: string | null;
  },
): Promise<TemplateChoice> {
  const own = await appTemplates(client, input.appId, input.channel, input.configVersion ?? null);
  const choice = chooseLocale({
    requested: input.requested,
    recipientCountry: input.recipientCountry,
    appDefault: input.appDefaultLocale,
    own: own.map((t) => t.locale),
    builtIn: DEFAULT_LOCALES,
  });
  return { template: choice.own ? (own.find((t) => t.locale === choice.locale) ?? null) : null, locale: choice.locale };
}

/** An app's templates for a channel, by app and channel, under the configuration version. */
const templateCache = new VersionedCache<Template[]>();

async function appTemplates(
  client: Prisma.TransactionClient,
  appId: string,
  channel: "sms" | "whatsapp",
  configVersion: string | null,
): Promise<Template[]> {
  const load = () => client.template.findMany({ where: { appId, channel } });
  return (await templateCache.readThrough(`${appId}:${channel}`, configVersion, load)) ?? [];
}
