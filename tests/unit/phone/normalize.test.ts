import { describe, expect, it } from "vitest";
import { checkLineType, isCountryAllowed, normalizePhone, type PhoneInput } from "@/lib/phone/normalize";

function ok(input: PhoneInput) {
  const result = normalizePhone(input);
  if (!result.ok) throw new Error(`expected a valid number, got: ${result.detail}`);
  return result;
}

function refused(input: PhoneInput): string {
  const result = normalizePhone(input);
  if (result.ok) throw new Error(`expected a refusal, got ${result.e164}`);
  expect(result.code).toBe("invalid_phone_number");
  return result.detail;
}

describe("normalizePhone: recipient", () => {
  it("normalises to E.164 with country, line type and prefix", () => {
    expect(ok({ recipient: "+5511999888777" })).toEqual({
      ok: true,
      e164: "+5511999888777",
      country: "BR",
      lineType: "MOBILE",
      numberPrefix: "+551199988",
    });
  });

  it.each([
    "+1 (415) 555-2671",
    "+1.415.555.2671",
    "+1-415-555-2671",
    "+1 [415] 555 2671",
    " +14155552671 ",
    "+1\u00a0415\u00a0555\u20112671", // no-break spaces and a non-breaking hyphen, as pasted from web pages
  ])("ignores separators: %j", (recipient) => {
    const result = ok({ recipient });
    expect(result.e164).toBe("+14155552671");
    expect(result.country).toBe("US");
    expect(result.lineType).toBe("FIXED_LINE_OR_MOBILE");
    expect(result.numberPrefix).toBe("+1415555");
  });

  it.each([
    ["+447400123456", "GB", "MOBILE"],
    ["+442071838750", "GB", "FIXED_LINE"],
    ["+919876543210", "IN", "MOBILE"],
    ["+33612345678", "FR", "MOBILE"],
    ["+4915123456789", "DE", "MOBILE"],
    ["+971501234567", "AE", "MOBILE"],
    ["+18002345678", "US", "TOLL_FREE"],
    ["+19005550123", "US", "PREMIUM_RATE"],
    ["+12423570000", "BS", "MOBILE"], // +1 shared by many countries: the country comes from the number
  ])("knows %s is %s %s", (recipient, country, lineType) => {
    const result = ok({ recipient });
    expect(result.e164).toBe(recipient);
    expect(result.country).toBe(country);
    expect(result.lineType).toBe(lineType);
  });

  it("refuses letters instead of mapping them to keypad digits", () => {
    expect(refused({ recipient: "+1-800-FLOWERS" })).toMatch(/letters/);
    expect(refused({ recipient: "+1 415 555 267l" })).toMatch(/letters/);
    expect(refused({ recipient: "+14155552671 ext. 12" })).toMatch(/letters/);
  });

  it("refuses a number without + and country code, and says how to fix it", () => {
    expect(refused({ recipient: "4155552671" })).toMatch(/start with \+ and the country code/);
    expect(refused({ recipient: "0014155552671" })).toMatch(/start with \+/);
  });

  it.each([
    ["empty", "", /empty/],
    ["only a plus", "+", /empty/],
    ["other symbols", "+1415555#2671", /only digits/],
    ["a plus in the middle", "+1415+5552671", /only digits/],
    ["too short", "+1415555", /too short/],
    ["too long", "+141555526719", /too long|not a valid/],
    ["an unassigned range", "+15555550100", /not a valid, dialable/],
    ["UK drama range (reserved for fiction)", "+441632960983", /not a valid/],
    ["an unknown country code", "+9991234567", /not a valid|not a phone/],
    ["a non-geographic number", "+80012345678", /non-geographic/],
    ["absurdly long input", `+1${" ".repeat(100)}4155552671`, /too long/],
  ])("refuses %s", (_, recipient, detail) => {
    expect(refused({ recipient })).toMatch(detail);
  });

  it("refuses recipient together with phoneNumber", () => {
    expect(refused({ recipient: "+14155552671", phoneNumber: "4155552671" })).toMatch(/not both/);
  });

  it("accepts a countryCode next to a recipient when they agree", () => {
    expect(ok({ recipient: "+14155552671", countryCode: "US" }).e164).toBe("+14155552671");
    expect(ok({ recipient: "415 555 2671", countryCode: "+1" }).e164).toBe("+14155552671");
    expect(refused({ recipient: "+14155552671", countryCode: "IN" })).toMatch(
      /recipient is a \+1 number but countryCode says \+91/,
    );
  });

  it("refuses an empty input", () => {
    expect(refused({})).toMatch(/Give recipient/);
  });

  it("treats null as absent and refuses non-strings without throwing", () => {
    const untrusted = (value: object) => value as PhoneInput;
    expect(ok(untrusted({ recipient: "+14155552671", phoneNumber: null, countryCode: null })).e164).toBe(
      "+14155552671",
    );
    expect(refused(untrusted({ recipient: 14155552671 }))).toMatch(/recipient must be a string/);
    expect(refused(untrusted({ phoneNumber: "9876543210", countryCode: 91 }))).toMatch(
      /countryCode must be a string/,
    );
    expect(refused(untrusted({ phoneNumber: ["9876543210"], countryCode: "IN" }))).toMatch(
      /phoneNumber must be/,
    );
  });
});

describe("normalizePhone: phoneNumber with countryCode", () => {
  it.each(["+91", "91", "IN", "in", " In "])("accepts countryCode %j", (countryCode) => {
    const result = ok({ phoneNumber: "98765 43210", countryCode });
    expect(result.e164).toBe("+919876543210");
    expect(result.country).toBe("IN");
  });

  it("strips the national trunk prefix", () => {
    expect(ok({ phoneNumber: "07400 123456", countryCode: "GB" }).e164).toBe("+447400123456");
    expect(ok({ phoneNumber: "(0) 7400-123456", countryCode: "44" }).e164).toBe("+447400123456");
    expect(ok({ phoneNumber: "0151 23456789", countryCode: "de" }).e164).toBe("+4915123456789");
  });

  it("tolerates the country code repeated in the number", () => {
    expect(ok({ phoneNumber: "919876543210", countryCode: "91" }).e164).toBe("+919876543210");
  });

  it("finds the real country behind a shared calling code", () => {
    expect(ok({ phoneNumber: "242 357 0000", countryCode: "+1" }).country).toBe("BS");
  });

  it("accepts an international phoneNumber that agrees with countryCode, refuses one that does not", () => {
    expect(ok({ phoneNumber: "+91 98765 43210", countryCode: "IN" }).e164).toBe("+919876543210");
    expect(refused({ phoneNumber: "+447400123456", countryCode: "91" })).toMatch(
      /\+44 number but countryCode says \+91/,
    );
  });

  it.each([
    ["missing", undefined, /needs countryCode/],
    ["unknown ISO", "XX", /not a known/],
    ["unknown calling code", "999", /not a known/],
    ["too long", "+1234", /not a known/],
    ["a name", "India", /not a known/],
  ])("refuses a countryCode that is %s", (_, countryCode, detail) => {
    expect(refused({ phoneNumber: "9876543210", countryCode })).toMatch(detail);
  });

  it("refuses a countryCode without phoneNumber", () => {
    expect(refused({ countryCode: "IN" })).toMatch(/needs a phoneNumber/);
  });

  it("refuses letters and invalid numbers", () => {
    expect(refused({ phoneNumber: "800-FLOWERS", countryCode: "US" })).toMatch(/letters/);
    expect(refused({ phoneNumber: "12345", countryCode: "IN" })).toMatch(/too short|not a valid/);
    expect(refused({ phoneNumber: "555 555 0100", countryCode: "US" })).toMatch(/not a valid/);
  });

  it("gives format variants of one number the same identity (shared rate limits)", () => {
    const variants = [
      ok({ recipient: "+44 7400 123456" }),
      ok({ phoneNumber: "07400123456", countryCode: "gb" }),
      ok({ phoneNumber: "7400 123 456", countryCode: "+44" }),
    ];
    expect(new Set(variants.map((v) => v.e164)).size).toBe(1);
    expect(new Set(variants.map((v) => v.numberPrefix)).size).toBe(1);
  });
});

describe("checkLineType", () => {
  it.each(["MOBILE", "FIXED_LINE_OR_MOBILE", "VOIP", "UNKNOWN"])(
    "lets %s through on both channels",
    (lineType) => {
      expect(checkLineType(lineType, "sms")).toBeNull();
      expect(checkLineType(lineType, "whatsapp")).toBeNull();
    },
  );

  it.each([
    ["PREMIUM_RATE", "premium_rate"],
    ["TOLL_FREE", "toll_free"],
    ["SHARED_COST", "shared_cost"],
    ["PERSONAL_NUMBER", "personal_number"],
    ["UAN", "uan"],
    ["PAGER", "pager"],
    ["VOICEMAIL", "voicemail"],
  ])("refuses %s on both channels", (lineType, reason) => {
    expect(checkLineType(lineType, "sms")).toBe(reason);
    expect(checkLineType(lineType, "whatsapp")).toBe(reason);
  });

  it("refuses fixed lines for SMS but not for WhatsApp", () => {
    expect(checkLineType("FIXED_LINE", "sms")).toBe("fixed_line");
    expect(checkLineType("FIXED_LINE", "whatsapp")).toBeNull();
  });

  it("does not trip over strings that are object keys", () => {
    expect(checkLineType("toString", "sms")).toBeNull();
    expect(checkLineType("__proto__", "sms")).toBeNull();
  });

  it("works on what normalizePhone returns", () => {
    expect(checkLineType(ok({ recipient: "+442071838750" }).lineType, "sms")).toBe("fixed_line");
    expect(checkLineType(ok({ recipient: "+447400123456" }).lineType, "sms")).toBeNull();
  });
});

describe("isCountryAllowed", () => {
  it("allows every country when the list is empty", () => {
    expect(isCountryAllowed("BR", [])).toBe(true);
  });

  it("allows only listed countries, case-insensitively", () => {
    expect(isCountryAllowed("BR", ["BR", "PT"])).toBe(true);
    expect(isCountryAllowed("br", ["BR"])).toBe(true);
    expect(isCountryAllowed("BR", ["br"])).toBe(true);
    expect(isCountryAllowed("US", ["BR", "PT"])).toBe(false);
  });
});

describe("normalizePhone: real users' input", () => {
  it("reads digits of any script and the full-width plus sign", () => {
    expect(normalizePhone({ recipient: "+20 ١٠٠ ١٢٣ ٤٥٦٧" })).toMatchObject({ ok: true, e164: "+201001234567" });
    expect(normalizePhone({ recipient: "＋８１ ９０ １２３４ ５６７８" })).toMatchObject({ ok: true, e164: "+819012345678" });
    expect(normalizePhone({ recipient: "+91 ९८७६५ ४३२१०" })).toMatchObject({ ok: true, e164: "+919876543210" });
    expect(normalizePhone({ phoneNumber: "۰۷۴۰۰ ۱۲۳۴۵۶", countryCode: "+٤٤" })).toMatchObject({ ok: true, e164: "+447400123456" });
  });

  it.each(["+44", "44", "GB", "gb"])("reads the international prefix 00 and the trunk 0 the same with countryCode %s", (countryCode) => {
    for (const phoneNumber of ["0044 7400 123456", "07400 123456", "7400 123456", "+44 7400 123456"]) {
      expect(normalizePhone({ phoneNumber, countryCode }), `${phoneNumber} / ${countryCode}`).toMatchObject({
        ok: true,
        e164: "+447400123456",
        country: "GB",
      });
    }
  });

  it("reads the North American 011 prefix, and refuses a number of another country than countryCode", () => {
    expect(normalizePhone({ phoneNumber: "011 44 7400 123456", countryCode: "+1" })).toMatchObject({ ok: false });
    expect(normalizePhone({ phoneNumber: "0033 6 12 34 56 78", countryCode: "+44" })).toMatchObject({
      ok: false,
      detail: expect.stringContaining("+33"),
    });
    expect(normalizePhone({ phoneNumber: "613 555 0123", countryCode: "1" })).toMatchObject({ ok: true, country: "CA" });
  });
});
