import type { Prisma, Template } from "@/lib/generated/prisma/client";
import { DEFAULT_LOCALES } from "./default-templates";
import { resolveLocale } from "./resolve-locale";

export type TemplateChoice = {
  /** the app's own template for the channel and locale; null means the built-in one */
  template: Template | null;
  locale: string;
};

/**
 * The template a message uses when the send named none: the best locale (resolveLocale) among the
 * app's own templates for the channel and the built-in ones, and the app's template for it if any.
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
  const locale = resolveLocale({
    requested: input.requested,
    recipientCountry: input.recipientCountry,
    appDefault: input.appDefaultLocale,
    available: [...new Set([...own.map((t) => t.locale), ...DEFAULT_LOCALES])],
  });
  return { template: own.find((t) => t.locale === locale) ?? null, locale };
}
