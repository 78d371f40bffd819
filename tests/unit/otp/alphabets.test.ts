import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bitsPerCharacter, CODE_ALPHABET_NAMES, CODE_ALPHABETS, MIN_CODE_BITS, minCodeLength, type CodeAlphabet } from "@/lib/otp/alphabets";
import { codeMatches, generateCode, hashCode } from "@/lib/otp/code";
import { codeLengthProblem, sendOtpSchema } from "@/lib/otp/schemas";

const pepper = randomBytes(32);
const ADDED: CodeAlphabet[] = ["letters", "lettersMixedCase", "alphanumericMixedCase"];

describe("code alphabets", () => {
  it("letters-only and mixed-case alphabets have the documented symbols, without look-alikes", () => {
    expect(CODE_ALPHABETS.letters.symbols).toBe("ABCDEFGHJKMNPQRSTUVWXYZ");
    expect(CODE_ALPHABETS.lettersMixedCase.symbols).toBe("ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz");
    expect(CODE_ALPHABETS.alphanumericMixedCase.symbols).toBe("23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz");
    for (const name of CODE_ALPHABET_NAMES) {
      const symbols = CODE_ALPHABETS[name].symbols;
      expect(new Set(symbols).size).toBe(symbols.length);
      if (name !== "numeric") expect(symbols).not.toMatch(/[01OIlLo]/);
    }
  });

  it("the minimum length keeps at least 20 bits for the added alphabets, and is the contract's 4 for the others", () => {
    expect(minCodeLength("numeric")).toBe(4);
    expect(minCodeLength("alphanumeric")).toBe(4);
    expect(minCodeLength("letters")).toBe(5); // 23 symbols: 4.52 bits each, 4 would be 18.1
    expect(minCodeLength("lettersMixedCase")).toBe(4);
    expect(minCodeLength("alphanumericMixedCase")).toBe(4);
    for (const name of ADDED) {
      expect(minCodeLength(name) * bitsPerCharacter(name)).toBeGreaterThanOrEqual(MIN_CODE_BITS);
      expect((minCodeLength(name) - 1) * bitsPerCharacter(name) < MIN_CODE_BITS || minCodeLength(name) === 4).toBe(true);
    }
  });

  it.each(ADDED)("generates %s codes from every symbol of the alphabet and nothing else", (name) => {
    const symbols = CODE_ALPHABETS[name].symbols;
    const counts = new Map<string, number>();
    const draws = 400 * symbols.length;
    for (let i = 0; i < draws / 8; i++) for (const c of generateCode(8, name)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts.keys()].sort().join("")).toBe([...symbols].sort().join(""));
    // Uniform: with 400 expected draws per symbol, each lands within ±40% (a failure is ~1e-14 likely).
    for (const count of counts.values()) expect(Math.abs(count - 400)).toBeLessThan(160);
  });

  it("refuses to generate below an alphabet's minimum length", () => {
    expect(() => generateCode(4, "letters")).toThrow(RangeError);
    expect(generateCode(5, "letters")).toMatch(/^[A-Z]{5}$/);
  });

  it("compares upper-case-only alphabets case-insensitively and mixed-case ones case-sensitively", () => {
    const upper = "ABCDEF";
    expect(codeMatches("abcdef", hashCode(upper, pepper, "ver_1"), pepper, "ver_1", "letters")).toBe(true);
    const mixed = "AbCdEf";
    const stored = hashCode(mixed, pepper, "ver_2");
    expect(codeMatches("AbCdEf", stored, pepper, "ver_2", "lettersMixedCase")).toBe(true);
    expect(codeMatches("abcdef", stored, pepper, "ver_2", "lettersMixedCase")).toBe(false);
    expect(codeMatches("ABCDEF", stored, pepper, "ver_2", "alphanumericMixedCase")).toBe(false);
  });

  it("the send schema refuses a codeLength too short for the alphabet, naming codeLength", () => {
    const result = sendOtpSchema.safeParse({ recipient: "+5511999888777", alphabet: "letters", codeLength: 4 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["codeLength"]);
    expect(sendOtpSchema.safeParse({ recipient: "+5511999888777", alphabet: "letters", codeLength: 5 }).success).toBe(true);
    expect(codeLengthProblem(4, "numeric")).toBeNull();
  });
});
