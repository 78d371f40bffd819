import type { Prisma, Template } from "@/lib/generated/prisma/client";
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
  },
): Promise<TemplateChoice> {
  const own = await client.template.findMany({ where: { appId: input.appId, channel: input.channel } });
  const choice = chooseLocale({
    requested: input.requested,
    recipientCountry: input.recipientCountry,
    appDefault: input.appDefaultLocale,
    own: own.map((t) => t.locale),
    builtIn: DEFAULT_LOCALES,
  });
  return { template: choice.own ? (own.find((t) => t.locale === choice.locale) ?? null) : null, locale: choice.locale };
}
