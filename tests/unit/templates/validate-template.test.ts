import { describe, expect, it } from "vitest";
import { validateTemplate } from "@/lib/templates/validate-template";

const codes = (body: string, channel: "sms" | "whatsapp" = "sms") =>
  validateTemplate(body, channel).map((p) => p.code);

describe("validateTemplate", () => {
  it("accepts a good template", () => {
    expect(
      validateTemplate("Your {{app}} code is {{code}}. Valid {{ttlMinutes}} min. Hi {{name}}", "sms"),
    ).toEqual([]);
    expect(validateTemplate("{{ code }}", "whatsapp")).toEqual([]);
  });

  it("refuses a body without {{code}}", () => {
    expect(codes("Your code is ready")).toEqual(["missing_code"]);
    expect(codes("Your code is {{ Code }}")).toContain("missing_code");
  });

  it("refuses an empty body", () => {
    expect(codes("   ")).toEqual(["empty"]);
  });

  it("names unknown variables once each, with a suggestion for a mis-cased one", () => {
    const problems = validateTemplate("{{code}} {{foo}} {{foo}} {{TTLMINUTES}}", "sms");
    expect(problems.map((p) => p.code)).toEqual(["unknown_variable", "unknown_variable"]);
    expect(problems[0]!.message).toContain("{{foo}}");
    expect(problems[1]!.message).toContain("did you mean {{ttlMinutes}}");
  });

  it.each([
    ["a single brace pair", "{code}} and {{code}}"],
    ["an unclosed placeholder", "{{code}} {{app"],
    ["a stray closing pair", "{{code}} app}}"],
    ["triple braces", "{{{code}}}"],
    ["a placeholder that is not a name", "{{code}} {{ 1abc }}"],
    ["an empty placeholder", "{{code}} {{}}"],
  ])("flags malformed braces: %s", (_, body) => {
    expect(codes(body)).toContain("malformed_braces");
  });

  it("allows single braces as text", () => {
    expect(codes("{{code}} is your code {ok}")).toEqual([]);
  });

  describe("SMS length (at most 4 segments, judged with long values)", () => {
    it("accepts up to 4 GSM-7 segments (153 characters each)", () => {
      // 612 characters in all, with the 10-character worst-case code
      expect(codes(`${"a".repeat(602)}{{code}}`)).toEqual([]);
      expect(codes(`${"a".repeat(603)}{{code}}`)).toEqual(["too_long"]);
    });

    it("counts GSM-7 extension characters twice", () => {
      expect(codes(`${"€".repeat(10)}${"a".repeat(582)}{{code}}`)).toEqual([]);
      expect(codes(`${"€".repeat(10)}${"a".repeat(583)}{{code}}`)).toEqual(["too_long"]);
      expect(codes(`${"e".repeat(10)}${"a".repeat(583)}{{code}}`)).toEqual([]);
    });

    it("switches to UCS-2 (67 per segment) for other scripts", () => {
      // 268 = 4 × 67: one character outside GSM-7 makes the whole message UCS-2
      expect(codes(`ğ${"a".repeat(257)}{{code}}`)).toEqual([]);
      const problems = validateTemplate(`ğ${"a".repeat(258)}{{code}}`, "sms");
      expect(problems.map((p) => p.code)).toEqual(["too_long"]);
      expect(problems[0]!.message).toMatch(/5 SMS segments \(UCS-2\).*GSM-7/);
    });

    it("judges the length with long values for the variables", () => {
      // 30-character app names fill what looked like room to spare
      expect(codes(`${"a".repeat(560)}{{code}}`)).toEqual([]);
      expect(codes(`${"a".repeat(560)}{{code}}{{app}}{{name}}`)).toEqual(["too_long"]);
    });

    it("does not apply the SMS limit to WhatsApp", () => {
      expect(codes(`${"a".repeat(900)}{{code}}`, "whatsapp")).toEqual([]);
      expect(codes(`${"a".repeat(1015)}{{code}}`, "whatsapp")).toEqual(["too_long"]);
    });
  });
});
