import type { App, Prisma, Template, Verification } from "@/lib/generated/prisma/client";
import { baseUrl } from "@/lib/config/env";
import { chooseTemplate } from "@/lib/templates/choose-template";
import { defaultTemplate } from "@/lib/templates/default-templates";
import { renderTemplate } from "@/lib/templates/render-template";
import { withWidgetWebOtpLine } from "@/lib/widget/web-otp-line";
import type { Channel } from "./plan-delivery";

/** What a code message is written from: the send (or the stored verification) and its channel now. */
export type MessageInput = {
  app: Pick<App, "id" | "name" | "defaultLocale">;
  /** the channel this message goes out on (a fallback step may differ from the send's first) */
  channel: Channel;
  code: string;
  expiresAt: Date;
  /** the locale the send asked for */
  locale: string | null;
  /** the recipient's country (ISO 3166 alpha-2) */
  country: string;
  recipientName: string | null;
  widgetOrigin: string | null;
  /** the template the send named, if any */
  template: Template | null;
  /** the tenant's configuration version, when a request read it: lets chooseTemplate use its cache */
  configVersion?: string | null;
};

/**
 * The text of a code message, for every path that delivers one (the send's inline outbox delivery,
 * the worker's tries and fallbacks): the template the send named when it is written for this
 * channel, else the app's template for the channel and the best locale (the request's, then the
 * recipient's country's, then the app's default), else the built-in one. A named template for
 * another channel is not used: a WhatsApp text is not an SMS text. SMS built-ins end with the
 * WebOTP line for this server's host.
 */
export async function prepareMessage(
  client: Prisma.TransactionClient,
  input: MessageInput,
): Promise<{ body: string; locale: string }> {
  const { app, channel, code } = input;
  let template = input.template?.channel === channel ? input.template : null;
  let locale = template?.locale;
  if (!template) {
    ({ template, locale } = await chooseTemplate(client, {
      appId: app.id,
      appDefaultLocale: app.defaultLocale,
      channel,
      requested: input.locale ?? undefined,
      recipientCountry: input.country,
      configVersion: input.configVersion,
    }));
  }
  const body = template?.body ?? defaultTemplate(channel, locale!, new URL(baseUrl()).hostname);
  const ttlMinutes = Math.max(1, Math.round((input.expiresAt.getTime() - Date.now()) / 60_000));
  const rendered = renderTemplate(body, { code, app: app.name, name: input.recipientName ?? undefined, ttlMinutes });
  return {
    body: channel === "sms" ? withWidgetWebOtpLine(rendered, { code, widgetOrigin: input.widgetOrigin }) : rendered,
    locale: locale!,
  };
}

/** prepareMessage's input for a stored verification, delivered on `channel`. */
export function messageInputOf(
  verification: Pick<
    Verification,
    "expiresAt" | "locale" | "country" | "recipientName" | "widgetOrigin"
  >,
  rest: { app: MessageInput["app"]; channel: Channel; code: string; template: Template | null },
): MessageInput {
  return {
    ...rest,
    expiresAt: verification.expiresAt,
    locale: verification.locale,
    country: verification.country,
    recipientName: verification.recipientName,
    widgetOrigin: verification.widgetOrigin,
  };
}
