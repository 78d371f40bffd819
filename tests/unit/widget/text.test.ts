import { describe, expect, it } from "vitest";
import { toAsciiDigits } from "@/lib/widget/digits";
import { withWidgetWebOtpLine } from "@/lib/widget/web-otp-line";

describe("toAsciiDigits", () => {
  it("reads digits of any script", () => {
    expect(toAsciiDigits("+٩٦٦ ٥٠٠ ١٢٣ ٤٥٦")).toBe("+966 500 123 456"); // Arabic-Indic
    expect(toAsciiDigits("۰۱۲۳۴۵۶۷۸۹")).toBe("0123456789"); // Extended Arabic-Indic
    expect(toAsciiDigits("०१२३४५६७८९")).toBe("0123456789"); // Devanagari
    expect(toAsciiDigits("０９８")).toBe("098"); // full width
    expect(toAsciiDigits("(11) 9-1234")).toBe("(11) 9-1234");
  });
});

describe("withWidgetWebOtpLine", () => {
  it("ends an embedded widget's SMS with @<page host> #<code> @<server host>", () => {
    const body = "Your Acme code is 123456.\n\n@localhost #123456";
    const out = withWidgetWebOtpLine(body, { code: "123456", widgetOrigin: "https://shop.example:8443" });
    expect(out).toBe("Your Acme code is 123456.\n\n@shop.example #123456 @localhost");
  });
  it("appends the line to a template without one, and leaves API sends alone", () => {
    expect(withWidgetWebOtpLine("Code: 42", { code: "42", widgetOrigin: "https://a.example" })).toBe("Code: 42\n\n@a.example #42 @localhost");
    expect(withWidgetWebOtpLine("Code: 42", { code: "42", widgetOrigin: null })).toBe("Code: 42");
  });
});
