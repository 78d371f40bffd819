import { describe, expect, it } from "vitest";
import { sha256Hex, timingSafeEqualStrings } from "@/lib/crypto/hmac";

describe("sha256Hex", () => {
  it("matches the standard test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex(Buffer.from("abc"))).toBe(sha256Hex("abc"));
  });
});

describe("timingSafeEqualStrings", () => {
  it("is true only for identical strings", () => {
    expect(timingSafeEqualStrings("secret", "secret")).toBe(true);
    expect(timingSafeEqualStrings("", "")).toBe(true);
    expect(timingSafeEqualStrings("secret", "Secret")).toBe(false);
    expect(timingSafeEqualStrings("secret", "secret ")).toBe(false);
  });

  it("handles different lengths without throwing", () => {
    expect(timingSafeEqualStrings("a", "a much longer string")).toBe(false);
    expect(timingSafeEqualStrings("", "x")).toBe(false);
  });

  it("compares unicode by content", () => {
    expect(timingSafeEqualStrings("ключ🔑", "ключ🔑")).toBe(true);
    expect(timingSafeEqualStrings("ключ🔑", "ключ🔒")).toBe(false);
  });
});
