import examples from "libphonenumber-js/mobile/examples";
import { getCountries, getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import type { App } from "@/lib/generated/prisma/client";
import { chooseWidgetLocale, regionOf } from "./choose-locale";
import { toAsciiDigits } from "./digits";
import { CATALOGUES, RTL_LOCALES, type Catalogue } from "./locales";
import { isAllowedOrigin } from "./widget-app";

export type Theme = "light" | "dark" | "auto";
/** A country of the list; `example` is a mobile number in national format, the field's placeholder. */
export type CountryOption = { code: string; name: string; callingCode: string; example: string };

/** Everything the widget page shows, decided on the server (the page ships no phone metadata). */
export type WidgetPageModel = {
  publishableKey: string;
  appName: string;
  locale: string;
  dir: "ltr" | "rtl";
  theme: Theme;
  texts: Catalogue;
  countries: CountryOption[];
  defaultCountry: string;
  phone: string;
  nonce: string | null;
  /** the embedding page's origin, only when the app allows it: tokens and messages go there */
  parentOrigin: string | null;
  channels: string[];
  codeLength: number;
  alphabet: string;
};

export type PageQuery = { locale?: string | null; phone?: string | null; nonce?: string | null; theme?: string | null; origin?: string | null };

export function buildPageModel(app: App, publishableKey: string, query: PageQuery, acceptLanguage: string | null): WidgetPageModel {
  const locale = chooseWidgetLocale({ requested: query.locale, acceptLanguage, appDefault: app.defaultLocale });
  const theme: Theme = query.theme === "light" || query.theme === "dark" ? query.theme : "auto";
  const allowed = app.allowedCountries.length > 0 ? app.allowedCountries.filter(isCountry) : getCountries();
  const names = new Intl.DisplayNames([locale, "en"], { type: "region" });
  const collator = new Intl.Collator(locale);
  const countries = allowed
    .map((code) => ({
      code,
      name: names.of(code) ?? code,
      callingCode: getCountryCallingCode(code as CountryCode),
      example: getExampleNumber(code as CountryCode, examples)?.formatNational() ?? "",
    }))
    .sort((a, b) => collator.compare(a.name, b.name));

  const phone = toAsciiDigits(query.phone ?? "").slice(0, 64);
  const phoneCountry = phone.startsWith("+") ? parsePhoneNumberFromString(phone)?.country : undefined;
  const firstAcceptRegion = (acceptLanguage ?? "").split(",").map((part) => regionOf(part.split(";")[0]?.trim())).find(Boolean);
  const preferences = [phoneCountry, regionOf(query.locale), firstAcceptRegion, regionOf(locale), "US"];
  const codes = new Set(countries.map((c) => c.code));
  const defaultCountry = preferences.find((c): c is string => !!c && codes.has(c)) ?? countries[0]?.code ?? "US";

  return {
    publishableKey,
    appName: app.name,
    locale,
    dir: RTL_LOCALES.has(locale) ? "rtl" : "ltr",
    theme,
    texts: CATALOGUES[locale]!,
    countries,
    defaultCountry,
    phone,
    nonce: query.nonce ? query.nonce.slice(0, 256) : null,
    parentOrigin: isAllowedOrigin(app, query.origin) ? query.origin : null,
    channels: app.channels,
    codeLength: app.codeLength,
    alphabet: app.alphabet,
  };
}

function isCountry(code: string): boolean {
  return getCountries().includes(code as CountryCode);
}

