import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALES } from "@/lib/templates/default-templates";
import { chooseLocale, resolveLocale } from "@/lib/templates/resolve-locale";

const available = DEFAULT_LOCALES;
const resolve = (request: {
  requested?: string;
  recipientCountry?: string;
  appDefault?: string;
  available?: readonly string[];
}) => resolveLocale({ appDefault: "en", available, ...request });

describe("resolveLocale", () => {
  describe("requested locale", () => {
    it.each([
      ["es", "es"],
      ["pt-BR", "pt-BR"],
      ["pt-br", "pt-BR"],
      ["PT_BR", "pt-BR"],
      ["es-MX", "es"],
      ["pt-PT", "pt-BR"],
      ["pt", "pt-BR"],
      ["fr-CA", "fr"],
      ["de-CH", "de"],
      ["ar-EG", "ar"],
      ["en-GB", "en"],
    ])("%s → %s", (requested, expected) => {
      expect(resolve({ requested, recipientCountry: "TR", appDefault: "it" })).toBe(expected);
    });

    it("prefers an exact regional template of the tenant, then the bare language", () => {
      const withCustom = [...available, "es-MX", "es-AR"];
      expect(resolve({ requested: "es-MX", available: withCustom })).toBe("es-MX");
      expect(resolve({ requested: "es-CL", available: withCustom })).toBe("es");
      expect(resolve({ requested: "es-CL", available: ["en", "es-MX", "es-AR"] })).toBe("es-MX");
    });

    it("falls through when the requested language is not available or the tag is invalid", () => {
      expect(resolve({ requested: "ja", recipientCountry: "BR" })).toBe("pt-BR");
      expect(resolve({ requested: "not a locale!", recipientCountry: "BR" })).toBe("pt-BR");
      expect(resolve({ requested: "", appDefault: "de" })).toBe("de");
    });
  });

  describe("recipient's country", () => {
    it.each([
      ["BR", "pt-BR"],
      ["PT", "pt-BR"],
      ["MX", "es"],
      ["AR", "es"],
      ["ES", "es"],
      ["FR", "fr"],
      ["SN", "fr"],
      ["DE", "de"],
      ["AT", "de"],
      ["IT", "it"],
      ["ID", "id"],
      ["TR", "tr"],
      ["SA", "ar"],
      ["AE", "ar"],
      ["EG", "ar"],
      ["br", "pt-BR"],
    ])("%s → %s", (recipientCountry, expected) => {
      expect(resolve({ recipientCountry, appDefault: "en" })).toBe(expected);
    });

    it("leaves multilingual and English-speaking countries to the app's default", () => {
      for (const country of ["IN", "CA", "CH", "BE", "MA", "US", "GB"]) {
        expect(resolve({ recipientCountry: country, appDefault: "es" })).toBe("es");
      }
      expect(resolve({ recipientCountry: "IN" })).toBe("en");
    });

    it("uses a tenant's own language template for countries without a built-in one", () => {
      expect(resolve({ recipientCountry: "JP", appDefault: "es" })).toBe("es");
      expect(resolve({ recipientCountry: "JP", appDefault: "es", available: [...available, "ja"] })).toBe(
        "ja",
      );
    });

    it("comes after the requested locale", () => {
      expect(resolve({ requested: "fr", recipientCountry: "BR" })).toBe("fr");
    });
  });

  describe("app default, then English", () => {
    it("uses the app's default when nothing else matches", () => {
      expect(resolve({ appDefault: "it" })).toBe("it");
      expect(resolve({ appDefault: "pt-PT" })).toBe("pt-BR");
      expect(resolve({ recipientCountry: "US", appDefault: "tr" })).toBe("tr");
    });

    it("ends at en", () => {
      expect(resolve({ appDefault: "ja" })).toBe("en");
      expect(resolve({ appDefault: "??" })).toBe("en");
      expect(resolveLocale({ appDefault: "ja", available: [] })).toBe("en");
    });
  });
});

describe("chooseLocale: the tenant's templates before built-ins at every step", () => {
  const choose = (request: { requested?: string; recipientCountry?: string; appDefault?: string; own: string[] }) =>
    chooseLocale({ appDefault: "en", builtIn: DEFAULT_LOCALES, ...request });

  it("an own `pt` template beats the built-in pt-BR for pt-BR", () => {
    expect(choose({ requested: "pt-BR", own: ["pt"] })).toEqual({ locale: "pt", own: true });
    expect(choose({ requested: "es-MX", own: ["es-AR"] })).toEqual({ locale: "es-AR", own: true });
  });

  it("an exact own template beats an own language match", () => {
    expect(choose({ requested: "pt-BR", own: ["pt", "pt-BR"] })).toEqual({ locale: "pt-BR", own: true });
  });

  it("a requested locale without an own template still gets its built-in text", () => {
    expect(choose({ requested: "de", own: ["en"] })).toEqual({ locale: "de", own: false });
  });

  it("the country guess never replaces the app's own default template with a built-in in another language", () => {
    expect(choose({ recipientCountry: "DE", own: ["en"] })).toEqual({ locale: "en", own: true });
    expect(choose({ recipientCountry: "DE", appDefault: "fr", own: ["fr"] })).toEqual({ locale: "fr", own: true });
  });

  it("the country guess picks the tenant's own template of that language first", () => {
    expect(choose({ recipientCountry: "DE", own: ["en", "de-AT"] })).toEqual({ locale: "de-AT", own: true });
  });

  it("without own templates, the country guess chooses among the built-ins", () => {
    expect(choose({ recipientCountry: "DE", own: [] })).toEqual({ locale: "de", own: false });
    expect(choose({ recipientCountry: "IN", appDefault: "ja", own: [] })).toEqual({ locale: "en", own: false });
  });
});
