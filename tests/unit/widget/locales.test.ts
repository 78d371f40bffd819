import { describe, expect, it } from "vitest";
import { chooseWidgetLocale } from "@/lib/widget/choose-locale";
import { CATALOGUES, RTL_LOCALES, WIDGET_LOCALES } from "@/lib/widget/locales";
import { en } from "@/lib/widget/locales/en";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("widget locales", () => {
  it("has at least 12 locales, Arabic and Hebrew among them, laid out right to left", () => {
    expect(WIDGET_LOCALES.length).toBeGreaterThanOrEqual(12);
    expect(WIDGET_LOCALES).toEqual(expect.arrayContaining(["ar", "he"]));
    expect([...RTL_LOCALES].sort()).toEqual(["ar", "he"]);
  });

  it.each(WIDGET_LOCALES)("%s has every key of the English catalogue, no other, with the same placeholders", (locale) => {
    const catalogue = CATALOGUES[locale]!;
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const translated = catalogue[key as keyof typeof en];
      expect(translated.trim(), `${locale}.${key}`).not.toBe("");
      expect(placeholders(translated), `${locale}.${key}`).toEqual(placeholders(text));
    }
  });

  it("is chosen by the locale given, then the browser's languages, then the app's default", () => {
    expect(chooseWidgetLocale({ requested: "ar" })).toBe("ar");
    expect(chooseWidgetLocale({ requested: "pt" })).toBe("pt-BR");
    expect(chooseWidgetLocale({ requested: "es-MX" })).toBe("es");
    expect(chooseWidgetLocale({ requested: "xx", acceptLanguage: "sv;q=0.9, he-IL, en;q=0.5" })).toBe("he");
    expect(chooseWidgetLocale({ acceptLanguage: "sv, nb", appDefault: "de" })).toBe("de");
    expect(chooseWidgetLocale({ requested: "not a tag!" })).toBe("en");
  });
});
