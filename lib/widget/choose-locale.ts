import { WIDGET_LOCALES } from "./locales";

/**
 * The widget's locale: the `locale` the embedder gave, else the browser's languages
 * (Accept-Language, in order of preference), else the app's default, else English. A tag matches
 * exactly or by language ("pt" → "pt-BR", "es-MX" → "es").
 */
export function chooseWidgetLocale(input: { requested?: string | null; acceptLanguage?: string | null; appDefault?: string }): string {
  const candidates = [input.requested ?? undefined, ...parseAcceptLanguage(input.acceptLanguage ?? ""), input.appDefault];
  for (const candidate of candidates) {
    const match = candidate ? bestMatch(candidate) : undefined;
    if (match) return match;
  }
  return "en";
}

function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .slice(0, 20)
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag && entry.tag !== "*" && entry.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((entry) => entry.tag);
}

function bestMatch(wanted: string): string | undefined {
  let tag: Intl.Locale;
  try {
    tag = new Intl.Locale(wanted.replace(/_/g, "-"));
  } catch {
    return undefined;
  }
  const exact = WIDGET_LOCALES.find((l) => l.toLowerCase() === tag.toString().toLowerCase());
  if (exact) return exact;
  return WIDGET_LOCALES.find((l) => new Intl.Locale(l).language === tag.language);
}

/** The region of a locale tag, if it names one ("pt-BR" → "BR"). */
export function regionOf(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return new Intl.Locale(tag.replace(/_/g, "-")).maximize().region;
  } catch {
    return undefined;
  }
}
