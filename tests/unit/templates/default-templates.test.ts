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
      expect(body).toContain("{{ttlMinutes}}");
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
    expect(lines[0]).toContain("10");
  });

  it.each(DEFAULT_LOCALES)("%s: a typical SMS fits in 3 segments", (locale) => {
    const rendered = renderTemplate(defaultTemplate("sms", locale, "verify.example.com"), {
      code: "482913",
      app: "Acme Bank",
      ttlMinutes: 10,
    });
    expect(new SegmentedMessage(rendered).segmentsCount).toBeLessThanOrEqual(3);
  });

  it("keeps WhatsApp free of the WebOTP line", () => {
    expect(defaultTemplate("whatsapp", "en", "example.com")).not.toContain("@example.com");
  });

  it("falls back to English for a locale without a built-in template", () => {
    expect(defaultTemplate("sms", "ja", "example.com")).toBe(defaultTemplate("sms", "en", "example.com"));
  });
});
