export type LocaleRequest = {
  requested?: string;
  /** ISO 3166 alpha-2 */
  recipientCountry?: string;
  appDefault: string;
  /** locales that have a template for the channel */
  available: readonly string[];
};

// The main language of a country, where it has one (see resolveLocale). The later entries are
// languages without a built-in template, for tenants who add their own.
const COUNTRY_LOCALE = new Map<string, string>(
  (
    [
      ["pt-BR", "BR"],
      ["pt", "PT AO MZ CV GW ST TL"],
      ["es", "ES MX AR CO CL PE VE EC GT CU BO DO HN PY SV NI CR PA UY PR GQ"],
      ["fr", "FR MC SN CI ML BF NE TG BJ GA CG CD GN MG HT RE GP MQ GF YT PF NC PM BL MF WF"],
      ["de", "DE AT LI"],
      ["it", "IT SM VA"],
      ["id", "ID"],
      ["tr", "TR"],
      ["ar", "SA AE EG QA KW BH OM JO IQ SY YE LY SD PS LB"],
      ["ja", "JP"],
      ["ko", "KR"],
      ["zh-CN", "CN"],
      ["zh-TW", "TW"],
      ["zh-HK", "HK"],
      ["ru", "RU BY"],
      ["uk", "UA"],
      ["pl", "PL"],
      ["nl", "NL"],
      ["sv", "SE"],
      ["da", "DK"],
      ["nb", "NO"],
      ["fi", "FI"],
      ["el", "GR"],
      ["cs", "CZ"],
      ["ro", "RO MD"],
      ["hu", "HU"],
      ["th", "TH"],
      ["vi", "VN"],
      ["he", "IL"],
      ["fa", "IR"],
    ] as const
  ).flatMap(([locale, countries]) => countries.split(" ").map((country) => [country, locale] as const)),
);

/**
 * Chooses the locale of a message among those that have a template: the tenant's own (`own`) and
 * the built-in ones (`builtIn`). In this order:
 * 1. the requested locale (BCP 47): exactly, then by language ("es-MX" → "es", "pt-BR" → "pt") —
 *    the tenant's templates first, then the built-ins;
 * 2. a guess from the recipient's country, among the tenant's own templates;
 * 3. the app's default locale, among the tenant's own templates;
 * 4. the country guess, then the app default, among the built-ins;
 * 5. "en".
 * So a tenant's own template always beats a built-in one at the same step, and a guess from the
 * country never replaces the tenant's own default text with a built-in one in another language.
 *
 * The country table only names countries where one language is clearly what people expect a text
 * in. Multilingual countries are left out on purpose and get the app's default (en unless the
 * tenant chose another): India (Hindi is one of many languages there, SMS in Devanagari costs 2–3
 * times as much, and English is what Indian OTP messages are usually in), Canada, Switzerland,
 * Belgium and the Maghreb (Arabic and French). So are English-speaking countries: English is the
 * last fallback anyway, and naming them would override a tenant who set, say, Spanish as default
 * for its US users.
 */
export function chooseLocale(request: {
  requested?: string;
  recipientCountry?: string;
  appDefault: string;
  own: readonly string[];
  builtIn: readonly string[];
}): { locale: string; own: boolean } {
  const { requested, recipientCountry, appDefault, own, builtIn } = request;
  const country = recipientCountry ? COUNTRY_LOCALE.get(recipientCountry.toUpperCase()) : undefined;
  const steps: Array<[string | undefined, readonly string[], boolean]> = [
    [requested, own, true],
    [requested, builtIn, false],
    [country, own, true],
    [appDefault, own, true],
    [country, builtIn, false],
    [appDefault, builtIn, false],
    ["en", own, true],
  ];
  for (const [wanted, available, isOwn] of steps) {
    const match = wanted === undefined ? undefined : bestMatch(wanted, available);
    if (match) return { locale: match, own: isOwn };
  }
  return { locale: "en", own: false };
}

/** The locale among `available` (chooseLocale's order, with no tenant templates). */
export function resolveLocale({ requested, recipientCountry, appDefault, available }: LocaleRequest): string {
  return chooseLocale({ requested, recipientCountry, appDefault, own: [], builtIn: available }).locale;
}

/** The available locale equal to `wanted` (ignoring case), else the first of the same language. */
function bestMatch(wanted: string, available: readonly string[]): string | undefined {
  const tag = canonical(wanted);
  if (!tag) return undefined;
  const candidates = available.map((locale) => ({ locale, tag: canonical(locale) }));
  const exact = candidates.find((c) => c.tag?.full === tag.full);
  if (exact) return exact.locale;
  // Prefer the bare language ("es") over a regional variant ("es-MX") of it.
  const sameLanguage = candidates.filter((c) => c.tag?.language === tag.language);
  return (sameLanguage.find((c) => c.tag!.full === c.tag!.language) ?? sameLanguage[0])?.locale;
}

type CanonicalTag = { full: string; language: string } | undefined;

/**
 * Parsed tags, remembered: every send parses the same few dozen (built-in and tenant template
 * locales), and `new Intl.Locale` was a visible share of a send's CPU. Bounded so that requested
 * tags from callers cannot grow it without limit.
 */
const canonicalCache = new Map<string, CanonicalTag>();
const CANONICAL_CACHE_LIMIT = 1_000;

function canonical(locale: string): CanonicalTag {
  if (canonicalCache.has(locale)) return canonicalCache.get(locale);
  let tag: CanonicalTag;
  try {
    const parsed = new Intl.Locale(locale.replace(/_/g, "-"));
    tag = { full: parsed.toString().toLowerCase(), language: parsed.language.toLowerCase() };
  } catch {
    tag = undefined; // not a BCP 47 tag: skip it and fall back
  }
  if (canonicalCache.size >= CANONICAL_CACHE_LIMIT) canonicalCache.clear();
  canonicalCache.set(locale, tag);
  return tag;
}
