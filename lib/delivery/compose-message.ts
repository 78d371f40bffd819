import type { App, Prisma, Template, Verification } from "@/lib/generated/prisma/client";
import { baseUrl } from "@/lib/config/env";
import { chooseTemplate } from "@/lib/templates/choose-template";
import { defaultTemplate } from "@/lib/templates/default-templates";
import { renderTemplate } from "@/lib/templates/render-template";
import { withWidgetWebOtpLine } from "@/lib/widget/web-otp-line";

/**
 * The text of a code message: the template the send named, else the app's template for the
 * channel and the best locale (the request's, then the recipient's country's, then the app's
 * default), else the built-in one. SMS built-ins end with the WebOTP line for this server's host.
 */
export async function composeMessage(
  tx: Prisma.TransactionClient,
  input: { app: App; verification: Verification; code: string; template: Template | null },
): Promise<{ body: string; locale: string }> {
  const { app, verification, code } = input;
  const channel = verification.channel;
  let template = input.template;
  let locale = template?.locale;
  if (!template) {
    ({ template, locale } = await chooseTemplate(tx, {
      appId: app.id,
      appDefaultLocale: app.defaultLocale,
      channel,
      requested: verification.locale ?? undefined,
      recipientCountry: verification.country,
    }));
  }
  const body = template?.body ?? defaultTemplate(channel, locale!, new URL(baseUrl()).hostname);
  const ttlMinutes = Math.max(1, Math.round((verification.expiresAt.getTime() - Date.now()) / 60_000));
  const rendered = renderTemplate(body, { code, app: app.name, name: verification.recipientName ?? undefined, ttlMinutes });
  return {
    body: channel === "sms" ? withWidgetWebOtpLine(rendered, { code, widgetOrigin: verification.widgetOrigin }) : rendered,
    locale: locale!,
  };
}
