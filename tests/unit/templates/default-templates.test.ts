import { SegmentedMessage } from "sms-segments-calculator";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALES, defaultTemplate } from "@/lib/templates/default-templates";
import { renderTemplate } from "@/lib/templates/render-template";
import { validateTemplate } from "@/lib/templates/validate-template";

const REQUIRED = ["en", "es", "pt-BR", "fr", "de", "it", "hi", "id", "ar", "tr"];

describe("default templates", () => {
  it("cover the required locales", () => {
    expect([...DEFAULT_LOCALES].sort()).toEqual(expect.arrayContaining(REQUIRED.sort()));
  });

  it.each(DEFAULT_LOCALES)("%s: valid on both channels, in distinct words", (locale) => {
    for (const channel of ["sms", "whatsapp"] as const) {
      const body = defaultTemplate(channel, locale, "example.com");
      expect(validateTemplate(body, channel)).toEqual([]);
      expect(body).toContain("{{app}}");
      // Short UCS-2 SMS texts leave the validity out to fit one segment; WhatsApp always says it.
      if (channel === "whatsapp") expect(body).toContain("{{ttlMinutes}}");
    }
    if (locale !== "en")
      expect(defaultTemplate("whatsapp", locale, "x")).not.toBe(defaultTemplate("whatsapp", "en", "x"));
  });

  it.each(DEFAULT_LOCALES)("%s: the SMS ends with the WebOTP line on its own line", (locale) => {
    const rendered = renderTemplate(defaultTemplate("sms", locale, "auth.example.com"), {
      code: "482913",
      app: "Acme",
      ttlMinutes: 10,
    });
    const lines = rendered.split("\n");
    expect(lines.at(-1)).toBe("@auth.example.com #482913");
    expect(lines.at(-2)).toBe("");
    expect(lines[0]).toContain("482913");
    expect(lines[0]).toContain("Acme");
  });

  // A 30-character host (the WebOTP line), and the default 6-digit code with a 10-character app name.
  const HOST = "verify.example-company.test.io";

  it.each(DEFAULT_LOCALES)("%s: the SMS fits one segment (GSM-7 where the language allows, else ≤ 70 UCS-2)", (locale) => {
    expect(HOST).toHaveLength(30);
    const rendered = renderTemplate(defaultTemplate("sms", locale, HOST), { code: "482913", app: "Acme Store", ttlMinutes: 10 });
    const message = new SegmentedMessage(rendered);
    expect(message.segmentsCount, `${message.encodingName}, ${message.numberOfCharacters} characters: ${rendered}`).toBe(1);
  });

  it.each(DEFAULT_LOCALES)("%s: a GSM-7 SMS keeps one segment with a 10-character code, a 20-character app name and 24 h", (locale) => {
    const rendered = renderTemplate(defaultTemplate("sms", locale, HOST), {
      code: "AB12CD34EF",
      app: "Acme Store Worldwide",
      ttlMinutes: 1440,
    });
    const message = new SegmentedMessage(rendered);
    if (message.encodingName === "GSM-7") expect(message.segmentsCount, rendered).toBe(1);
  });

  it.each(["es", "pt-BR", "fr", "de", "it", "id", "tr", "en"])("%s: the SMS is GSM-7", (locale) => {
    const rendered = renderTemplate(defaultTemplate("sms", locale, HOST), { code: "482913", app: "Acme Store", ttlMinutes: 10 });
    expect(new SegmentedMessage(rendered).encodingName).toBe("GSM-7");
  });

  it("keeps WhatsApp free of the WebOTP line", () => {
    expect(defaultTemplate("whatsapp", "en", "example.com")).not.toContain("@example.com");
  });

  it("falls back to English for a locale without a built-in template", () => {
    expect(defaultTemplate("sms", "ja", "example.com")).toBe(defaultTemplate("sms", "en", "example.com"));
  });
});
