import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
  type PhoneNumberType,
} from "libphonenumber-js/max";
import metadata from "libphonenumber-js/metadata.max.json";
import { foldDigits } from "@/lib/text/digits";

/**
 * Phone numbers as callers give them (CONTRACT §4) → E.164 with the facts the engine needs.
 * The "max" metadata is used because it knows line types (mobile, fixed line, premium rate…),
 * which the line-type policy needs.
 */
export type PhoneInput = {
  /** the number with its country code, starting with `+` */
  recipient?: string;
  /** a national number (the route maps the `mobileNumber` alias here); needs `countryCode` */
  phoneNumber?: string;
  /** `"+91"`, `"91"` or `"IN"` (ISO 3166 alpha-2, any case) */
  countryCode?: string;
};

/** libphonenumber's line type, or UNKNOWN when its metadata cannot tell. */
export type LineType = PhoneNumberType | "UNKNOWN";

export type NormalizedPhone = {
  ok: true;
  e164: string;
  /** ISO 3166 alpha-2 */
  country: string;
  lineType: LineType;
  /** E.164 without its last 4 digits: the identifier of the per-prefix rate limit (SMS pumping) */
  numberPrefix: string;
};

export type PhoneProblem = { ok: false; code: "invalid_phone_number"; detail: string };

// Far longer than any real number with separators; keeps the parser away from junk.
const MAX_INPUT_LENGTH = 64;
// Spaces (any Unicode space), ASCII and typographic dashes, dots and brackets.
const SEPARATORS = /[\s\-‐‑‒–—―−.()[\]]/gu;
const LETTER = /\p{L}/u;
const CALLING_CODES = new Set(getCountries().map((country) => getCountryCallingCode(country)));
const MAIN_COUNTRY: Record<string, string | undefined> = Object.fromEntries(
  Object.entries((metadata as { country_calling_codes: Record<string, string[]> }).country_calling_codes).map(
    ([code, countries]) => [code, countries[0]],
  ),
);

export function normalizePhone(input: PhoneInput): NormalizedPhone | PhoneProblem {
  // Requests are untrusted JSON: a null field counts as absent, a non-string is refused below.
  const recipient = input.recipient ?? undefined;
  const phoneNumber = input.phoneNumber ?? undefined;
  const countryCode = input.countryCode ?? undefined;
  for (const [field, value] of Object.entries({ recipient, phoneNumber, countryCode })) {
    if (value !== undefined && typeof value !== "string") return problem(`${field} must be a string.`);
  }
  if (recipient !== undefined) {
    if (phoneNumber !== undefined) {
      return problem("Give either recipient (e.g. +14155552671), or phoneNumber with countryCode, not both.");
    }
    // A countryCode next to a recipient is read like one next to a phoneNumber: it must agree.
    return countryCode === undefined
      ? normalizeInternational(recipient)
      : normalizeNational(recipient, countryCode, "recipient");
  }
  if (phoneNumber !== undefined) return normalizeNational(phoneNumber, countryCode, "phoneNumber");
  if (countryCode !== undefined) return problem("countryCode needs a phoneNumber.");
  return problem(
    "Give recipient (the number with its country code, e.g. +14155552671), or phoneNumber with countryCode.",
  );
}

function normalizeInternational(recipient: string): NormalizedPhone | PhoneProblem {
  const digits = cleanDigits(recipient, "recipient");
  if (typeof digits !== "string") return digits;
  if (!digits.startsWith("+")) {
    return problem(
      "recipient must start with + and the country code (e.g. +14155552671); or give phoneNumber with countryCode.",
    );
  }
  return validate(parsePhoneNumberFromString(digits), "recipient");
}

function normalizeNational(
  number: string,
  countryCode: string | undefined,
  field: "recipient" | "phoneNumber",
): NormalizedPhone | PhoneProblem {
  if (countryCode === undefined) {
    return problem(
      'phoneNumber needs countryCode ("+91", "91" or "IN"); or give recipient with its country code.',
    );
  }
  const country = parseCountryCode(countryCode);
  if (!country) {
    return problem(
      `countryCode "${countryCode}" is not a known calling code ("+91", "91") or ISO country ("IN").`,
    );
  }
  const digits = cleanDigits(number, field);
  if (typeof digits !== "string") return digits;
  if (digits.startsWith("+")) {
    // Given in international form anyway: accept it when it agrees with countryCode.
    const parsed = parsePhoneNumberFromString(digits);
    if (parsed && parsed.countryCallingCode !== country.callingCode) {
      return problem(
        `${field} is a +${parsed.countryCallingCode} number but countryCode says +${country.callingCode}.`,
      );
    }
    return validate(parsed, field);
  }
  // Read with a country's rules (its international prefix 00/011…, its trunk 0), so "0044 7400 123456"
  // with "+44", "44" or "GB" is the same number.
  const parsed = country.iso
    ? parsePhoneNumberFromString(digits, { defaultCountry: country.iso })
    : parsePhoneNumberFromString(digits, { defaultCallingCode: country.callingCode });
  if (parsed && parsed.countryCallingCode !== country.callingCode && parsed.isValid()) {
    return problem(`${field} is a +${parsed.countryCallingCode} number but countryCode says +${country.callingCode}.`);
  }
  return validate(parsed, field);
}

/** The digits (and a leading +) of what the caller typed, or what to fix. */
function cleanDigits(value: string, field: string): string | PhoneProblem {
  if (value.length > MAX_INPUT_LENGTH) return problem(`${field} is too long to be a phone number.`);
  // libphonenumber would read 1-800-FLOWERS as digits; a verification target must be digits.
  if (LETTER.test(value)) {
    return problem(
      `${field} must contain digits only (with optional spaces, dashes, dots or brackets), not letters.`,
    );
  }
  // Digits of any script ("٠١٢", "０１２", "＋") count as the digits they are.
  const cleaned = foldDigits(value).replace(SEPARATORS, "");
  if (!/^\+?[0-9]+$/.test(cleaned)) {
    return problem(
      cleaned === "" || cleaned === "+"
        ? `${field} is empty.`
        : `${field} may contain only digits, a leading +, spaces, dashes, dots and brackets.`,
    );
  }
  return cleaned;
}

function parseCountryCode(value: string): { callingCode: string; iso?: CountryCode } | undefined {
  const trimmed = value.trim();
  const calling = /^\+?([0-9]{1,3})$/.exec(foldDigits(trimmed));
  if (calling) {
    const callingCode = calling[1]!;
    if (!CALLING_CODES.has(callingCode)) return undefined;
    // A calling code reads like its main country (+44 → GB, +1 → US): libphonenumber then also knows
    // its international and trunk prefixes, and still reports the right country (a +1 613 number is CA).
    const main = MAIN_COUNTRY[callingCode];
    return main && isSupportedCountry(main) ? { callingCode, iso: main } : { callingCode };
  }
  const iso = trimmed.toUpperCase();
  if (/^[A-Z]{2}$/.test(iso) && isSupportedCountry(iso))
    return { callingCode: getCountryCallingCode(iso), iso };
  return undefined;
}

function validate(parsed: PhoneNumber | undefined, field: string): NormalizedPhone | PhoneProblem {
  if (!parsed) return problem(`${field} is not a phone number.`);
  if (!parsed.isValid()) {
    const length = validatePhoneNumberLength(parsed.number);
    const where = `+${parsed.countryCallingCode}`;
    if (length === "TOO_SHORT") return problem(`${field} is too short for a ${where} number.`);
    if (length === "TOO_LONG") return problem(`${field} is too long for a ${where} number.`);
    return problem(`${field} ${parsed.number} is not a valid, dialable ${where} number: check its digits.`);
  }
  // Non-geographic numbers (+800, +882 satellite…) have no country to check or report.
  if (!parsed.country)
    return problem(
      `${field} ${parsed.number} is not a number in a country (non-geographic numbers are refused).`,
    );
  return {
    ok: true,
    e164: parsed.number,
    country: parsed.country,
    lineType: parsed.getType() ?? "UNKNOWN",
    numberPrefix: parsed.number.slice(0, -4),
  };
}

function problem(detail: string): PhoneProblem {
  return { ok: false, code: "invalid_phone_number", detail };
}

/**
 * Why a number's line type cannot receive a code on a channel.
 *
 * Refused: lines that cannot receive SMS (fixed lines, pagers, voicemail access numbers) and
 * number ranges that belong to businesses or cost the sender extra, which is how SMS pumping
 * fraud makes money (premium rate, toll free, shared cost, UAN, UK-style "personal numbers").
 *
 * Allowed: MOBILE; FIXED_LINE_OR_MOBILE, because some plans (US, Canada, Mexico, China…) share
 * ranges and refusing them would refuse most of those countries' mobiles; VOIP, because many
 * people's real numbers are VoIP and they receive SMS; UNKNOWN, because libphonenumber's
 * metadata lags new ranges and a false refusal locks real users out (the per-prefix and
 * per-tenant send limits cap the damage instead).
 *
 * WhatsApp also allows FIXED_LINE: WhatsApp Business accounts can be registered on landlines, and
 * WhatsApp messages are priced per country, not per destination range, so they cannot be pumped.
 */
export type LineTypeRefusal =
  | "fixed_line"
  | "premium_rate"
  | "toll_free"
  | "shared_cost"
  | "personal_number"
  | "uan"
  | "pager"
  | "voicemail";

const REFUSED = new Map<string, LineTypeRefusal>([
  ["FIXED_LINE", "fixed_line"],
  ["PREMIUM_RATE", "premium_rate"],
  ["TOLL_FREE", "toll_free"],
  ["SHARED_COST", "shared_cost"],
  ["PERSONAL_NUMBER", "personal_number"],
  ["UAN", "uan"],
  ["PAGER", "pager"],
  ["VOICEMAIL", "voicemail"],
]);

/** null when the channel may send to this line type (a LineType, e.g. as stored), else the reason it may not. */
export function checkLineType(
  lineType: LineType | string,
  channel: "sms" | "whatsapp",
): LineTypeRefusal | null {
  const refusal = REFUSED.get(lineType) ?? null;
  if (refusal === "fixed_line" && channel === "whatsapp") return null;
  return refusal;
}

/** Whether an app's allowed-countries list (ISO alpha-2; empty = every country) admits `country`. */
export function isCountryAllowed(country: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const wanted = country.toUpperCase();
  return allowed.some((code) => code.toUpperCase() === wanted);
}
