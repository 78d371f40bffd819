import { SegmentedMessage } from "sms-segments-calculator";
import { baseUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import type { App } from "@/lib/generated/prisma/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { chooseTemplate } from "./choose-template";
import { defaultTemplate } from "./default-templates";
import { renderTemplate } from "./render-template";
import { assertValidTemplate, templateOfApp } from "./template-access";
import { requireApp } from "@/lib/keys/require-app";
import type { PreviewTemplateInput } from "./template-schemas";

export type TemplatePreview = {
  body: string;
  channel: "sms" | "whatsapp";
  /** SMS segments the rendered message takes; null for WhatsApp */
  segments: number | null;
  /** "GSM-7" or "UCS-2" for SMS; null for WhatsApp */
  encoding: string | null;
  characters: number;
  locale: string;
  /** where the text came from: the body given, a saved template, or the built-in one */
  source: "body" | "template" | "builtin";
};

/**
 * The message as a recipient would get it, with sample values: a code of the app's length and
 * alphabet, the app's name and code lifetime. Without `body` or `templateId`, it shows what a send
 * in that locale would use (the app's template, else the built-in one).
 */
export async function previewTemplate(
  principal: ApiKeyPrincipal,
  appId: string,
  input: PreviewTemplateInput,
): Promise<TemplatePreview> {
  const app = await requireApp(principal, appId);
  const { text, channel, locale, source } = await templateText(app, input);
  const body = renderTemplate(text, {
    code: sampleCode(app),
    app: app.name,
    name: input.name,
    ttlMinutes: Math.max(1, Math.round(app.ttl / 60)),
  });
  const sms = channel === "sms" ? new SegmentedMessage(body) : null;
  return {
    body,
    channel,
    segments: sms ? sms.segmentsCount : null,
    encoding: sms ? sms.encodingName : null,
    characters: [...body].length,
    locale,
    source,
  };
}

async function templateText(
  app: App,
  input: PreviewTemplateInput,
): Promise<{
  text: string;
  channel: "sms" | "whatsapp";
  locale: string;
  source: TemplatePreview["source"];
}> {
  const channel = input.channel;
  if (input.body !== undefined) {
    assertValidTemplate(input.body, channel);
    return { text: input.body, channel, locale: input.locale ?? app.defaultLocale, source: "body" };
  }
  if (input.templateId !== undefined) {
    // A saved template is previewed on its own channel, whatever `channel` says.
    const template = await templateOfApp(app, input.templateId);
    return { text: template.body, channel: template.channel, locale: template.locale, source: "template" };
  }
  const prisma = await db();
  const { template, locale } = await chooseTemplate(prisma, {
    appId: app.id,
    appDefaultLocale: app.defaultLocale,
    channel,
    requested: input.locale,
  });
  if (template) return { text: template.body, channel, locale, source: "template" };
  return {
    text: defaultTemplate(channel, locale, new URL(baseUrl()).hostname),
    channel,
    locale,
    source: "builtin",
  };
}

// Sample codes show the app's real length and alphabet (alphabets with letters omit 0/O and 1/I/L).
const SAMPLE_CODES: Record<string, string> = {
  numeric: "1234567890",
  alphanumeric: "7KX4QH9M3P",
  letters: "KXQHMPRTWZ",
  lettersMixedCase: "KxQhMpRtWz",
  alphanumericMixedCase: "7Kx4Qh9Mp3",
};

function sampleCode(app: App): string {
  return (SAMPLE_CODES[app.alphabet] ?? SAMPLE_CODES.numeric!).slice(0, app.codeLength);
}
