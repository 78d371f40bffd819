import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { alphabetOf } from "@/lib/compat/chat-otp/handlers";
import { chatOtpStatus } from "@/lib/compat/chat-otp/style";
import { snakeCaseKeys, submittedCode } from "@/lib/compat/shared";
import { authCodeFor, authCodeMatches } from "@/lib/compat/user-auth/auth-code";

const pepper = randomBytes(32);

describe("chat-otp mapping", () => {
  it("maps the reference's flags to alphabets", () => {
    expect(alphabetOf({ useLetter: false, useNumber: true, allCapital: false })).toBe("numeric");
    expect(alphabetOf({ useLetter: true, useNumber: true, allCapital: true })).toBe("alphanumeric");
    expect(alphabetOf({ useLetter: true, useNumber: true, allCapital: false })).toBe("alphanumericMixedCase");
    expect(alphabetOf({ useLetter: true, useNumber: false, allCapital: true })).toBe("letters");
    expect(alphabetOf({ useLetter: true, useNumber: false, allCapital: false })).toBe("lettersMixedCase");
    expect(() => alphabetOf({ useLetter: false, useNumber: false, allCapital: false })).toThrow(/useNumber/);
  });

  it.each([
    ["pending", "queued", "pending"],
    ["pending", "sent", "sent"],
    ["pending", "delivered", "sent"],
    ["approved", "delivered", "validated"],
    ["expired", "sent", "expired"],
    ["canceled", "queued", "expired"],
    ["failed", "delivered", "expired"],
  ])("status %s with delivery %s reads %s", (status, delivery, expected) => {
    expect(chatOtpStatus({ status, delivery: { status: delivery } } as never)).toBe(expected);
  });
});

describe("user-auth authCode", () => {
  it("is 15 digits, exact as a JSON number, different per verification and per server secret", () => {
    const code = authCodeFor("ver_a", pepper);
    expect(code).toMatch(/^[1-9]\d{14}$/);
    expect(Number.isSafeInteger(Number(code))).toBe(true);
    expect(authCodeFor("ver_b", pepper)).not.toBe(code);
    expect(authCodeFor("ver_a", randomBytes(32))).not.toBe(code);
    expect(authCodeMatches(Number(code), "ver_a", pepper)).toBe(true);
    expect(authCodeMatches(code, "ver_a", pepper)).toBe(true);
    expect(authCodeMatches(code, "ver_b", pepper)).toBe(false);
    expect(authCodeMatches("1234", "ver_a", pepper)).toBe(false);
  });
});

describe("shared translation", () => {
  it("pads a code that arrived as a number back to its length", () => {
    expect(submittedCode(123, { codeLength: 6 })).toBe("000123");
    expect(submittedCode("0123", { codeLength: 6 })).toBe("0123");
  });

  it("snake_cases keys deeply except inside metadata", () => {
    expect(snakeCaseKeys({ verifiedAt: 1, delivery: { updatedAt: 2 }, metadata: { planId: 3 } })).toEqual({
      verified_at: 1,
      delivery: { updated_at: 2 },
      metadata: { planId: 3 },
    });
  });
});
