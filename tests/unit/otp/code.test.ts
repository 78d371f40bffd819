import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { codeMatches, generateCode, hashCode, normalizeSubmittedCode } from "@/lib/otp/code";

const pepper = randomBytes(32);
const ALPHANUMERIC = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

describe("generateCode", () => {
  it.each([4, 5, 6, 7, 8, 9, 10])("makes numeric codes of length %i", (length) => {
    for (let i = 0; i < 50; i++)
      expect(generateCode(length, "numeric")).toMatch(new RegExp(`^[0-9]{${length}}$`));
  });

  it("makes upper-case alphanumeric codes without look-alikes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = generateCode(8, "alphanumeric");
      expect(code).toMatch(/^[A-Z0-9]{8}$/);
      expect(code).not.toMatch(/[01OIL]/);
      for (const c of code) seen.add(c);
    }
    // every symbol of the alphabet shows up, none other
    expect([...seen].sort().join("")).toBe(ALPHANUMERIC);
  });

  it.each([3, 11, 0, -1, 6.5, Number.NaN])("refuses length %s", (length) => {
    expect(() => generateCode(length, "numeric")).toThrow(RangeError);
  });

  it("keeps leading zeros (codes are strings)", () => {
    const codes = Array.from({ length: 500 }, () => generateCode(4, "numeric"));
    expect(codes.some((c) => c.startsWith("0"))).toBe(true);
    expect(codes.every((c) => c.length === 4)).toBe(true);
  });

  // Chi-square goodness of fit, over all symbols drawn and at each position. With 9 (numeric) or
  // 30 (alphanumeric) degrees of freedom the 99.9999th percentile is about 46 and 80: a fair
  // generator fails this about once in a million runs, while the classic modulo bias (a random
  // byte % 10 favours 0–5 by 4%) lands above 100 over 360,000 symbols (checked below).
  const chiSquare = (counts: Iterable<number>, expected: number) =>
    [...counts].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);

  it.each([
    ["numeric", 10, 46],
    ["alphanumeric", 31, 80],
  ] as const)("is uniform over the %s alphabet", (alphabet, size, bound) => {
    const codes = 60_000;
    const length = 6;
    const overall = new Map<string, number>();
    const byPosition = Array.from({ length }, () => new Map<string, number>());
    for (let i = 0; i < codes; i++) {
      const code = generateCode(length, alphabet);
      for (let p = 0; p < length; p++) {
        const symbol = code[p]!;
        overall.set(symbol, (overall.get(symbol) ?? 0) + 1);
        byPosition[p]!.set(symbol, (byPosition[p]!.get(symbol) ?? 0) + 1);
      }
    }
    expect(overall.size).toBe(size);
    expect(chiSquare(overall.values(), (codes * length) / size)).toBeLessThan(bound);
    for (const counts of byPosition) {
      expect(counts.size).toBe(size);
      expect(chiSquare(counts.values(), codes / size)).toBeLessThan(bound);
    }
  });

  it("has the power to see modulo bias (a check of the test itself)", () => {
    // byte % 10 over 360,448 perfectly uniform bytes (1,408 of each value): the bias alone
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 360_448; i++) counts[(i % 256) % 10]!++;
    expect(chiSquare(counts, 36_044.8)).toBeGreaterThan(46);
  });

  it("does not repeat itself", () => {
    const codes = new Set(Array.from({ length: 1000 }, () => generateCode(10, "alphanumeric")));
    expect(codes.size).toBe(1000);
  });
});

describe("normalizeSubmittedCode", () => {
  it("strips spaces and dashes the user typed", () => {
    expect(normalizeSubmittedCode(" 123 456 ", "numeric")).toBe("123456");
    expect(normalizeSubmittedCode("123-456", "numeric")).toBe("123456");
    expect(normalizeSubmittedCode("123\u2013456", "numeric")).toBe("123456");
    expect(normalizeSubmittedCode("123\t456\n", "numeric")).toBe("123456");
  });

  it("folds full-width digits and letters to ASCII", () => {
    expect(normalizeSubmittedCode("１２３４５６", "numeric")).toBe("123456");
    expect(normalizeSubmittedCode("ａｂｃ２", "alphanumeric")).toBe("ABC2");
  });

  it("upper-cases alphanumeric codes only", () => {
    expect(normalizeSubmittedCode("ab-cd ef", "alphanumeric")).toBe("ABCDEF");
    expect(normalizeSubmittedCode("ab12", "numeric")).toBe("ab12");
  });

  it("keeps other characters, so they fail to match rather than being guessed", () => {
    expect(normalizeSubmittedCode("12.34", "numeric")).toBe("12.34");
  });
});

describe("hashCode", () => {
  it("is stable HMAC-SHA256 hex", () => {
    const hash = hashCode("123456", pepper, "ver_a");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCode("123456", pepper, "ver_a")).toBe(hash);
  });

  it("matches a known vector (the stored format must not drift)", () => {
    // computed independently: HMAC-SHA256(key = 32 bytes of 0x07, "ver_01" NUL "123456")
    expect(hashCode("123456", Buffer.alloc(32, 7), "ver_01")).toBe(
      "ac44d1b557fcf3315794995cfbd0dc5c9b5a07df9f0cd8959e23cdfb7cdd4c33",
    );
  });

  it("binds the hash to the verification, the code and the pepper", () => {
    const base = hashCode("123456", pepper, "ver_a");
    expect(hashCode("123456", pepper, "ver_b")).not.toBe(base);
    expect(hashCode("123457", pepper, "ver_a")).not.toBe(base);
    expect(hashCode("123456", randomBytes(32), "ver_a")).not.toBe(base);
  });

  it("cannot be confused by shifting characters between id and code", () => {
    expect(hashCode("1234", pepper, "ver_a5")).not.toBe(hashCode("51234", pepper, "ver_a"));
  });
});

describe("codeMatches", () => {
  it("accepts the right code, however the user typed it", () => {
    const code = generateCode(6, "numeric");
    const stored = hashCode(code, pepper, "ver_x");
    expect(codeMatches(code, stored, pepper, "ver_x", "numeric")).toBe(true);
    expect(codeMatches(`${code.slice(0, 3)} ${code.slice(3)}`, stored, pepper, "ver_x", "numeric")).toBe(
      true,
    );
    expect(codeMatches(`${code.slice(0, 3)}-${code.slice(3)}`, stored, pepper, "ver_x", "numeric")).toBe(
      true,
    );
  });

  it("compares alphanumeric codes case-insensitively", () => {
    const code = generateCode(8, "alphanumeric");
    const stored = hashCode(code, pepper, "ver_y");
    expect(codeMatches(code.toLowerCase(), stored, pepper, "ver_y", "alphanumeric")).toBe(true);
    expect(
      codeMatches(
        ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} `,
        stored,
        pepper,
        "ver_y",
        "alphanumeric",
      ),
    ).toBe(true);
  });

  it("refuses a wrong code, another verification's hash, or another pepper", () => {
    const stored = hashCode("123456", pepper, "ver_x");
    expect(codeMatches("123457", stored, pepper, "ver_x", "numeric")).toBe(false);
    expect(codeMatches("12345", stored, pepper, "ver_x", "numeric")).toBe(false);
    expect(codeMatches("", stored, pepper, "ver_x", "numeric")).toBe(false);
    expect(codeMatches("123456", stored, pepper, "ver_other", "numeric")).toBe(false);
    expect(codeMatches("123456", stored, randomBytes(32), "ver_x", "numeric")).toBe(false);
  });

  it("returns false for a malformed stored hash instead of throwing", () => {
    expect(codeMatches("123456", "", pepper, "ver_x", "numeric")).toBe(false);
    expect(codeMatches("123456", "abc", pepper, "ver_x", "numeric")).toBe(false);
    expect(codeMatches("123456", "zz".repeat(32), pepper, "ver_x", "numeric")).toBe(false);
  });
});

describe("normalizeSubmittedCode: digits of any script", () => {
  it.each([
    ["٠١٢٣٣٥", "012335"], // Arabic-Indic
    ["۰۱۲۳۴۵", "012345"], // Extended Arabic-Indic (Persian)
    ["०१२३४५", "012345"], // Devanagari
    ["০১২৩৪৫", "012345"], // Bengali
    ["０１２ ３４５", "012345"], // full-width
    ["𝟎𝟏𝟐𝟑𝟒𝟓", "012345"], // mathematical bold
    ["๐๑๒-๓๔๕", "012345"], // Thai
  ])("reads %s as %s", (typed, expected) => {
    expect(normalizeSubmittedCode(typed, "numeric")).toBe(expected);
  });

  it("accepts the right code typed in Arabic-Indic digits", () => {
    const hash = hashCode("012335", pepper, "ver_1");
    expect(codeMatches("٠١٢٣٣٥", hash, pepper, "ver_1", "numeric")).toBe(true);
  });
});
