import { describe, expect, it } from "vitest";
import { generateKeyString, parseKeyString } from "@/lib/keys/secret-format";
import { readCredential } from "@/lib/keys/authenticate-api-key";

describe("API key strings", () => {
  it("carry kind and mode in the prefix and at least 128 random bits", () => {
    const secret = generateKeyString("secret", "test");
    expect(secret).toMatch(/^otpsk_test_[0-9A-Za-z]{38}$/);
    expect(parseKeyString(secret)).toEqual({ kind: "secret", mode: "test" });
    expect(parseKeyString(generateKeyString("publishable", "live"))).toEqual({ kind: "publishable", mode: "live" });
    // 32 random base62 characters: log2(62^32) ≈ 190 bits.
    expect(32 * Math.log2(62)).toBeGreaterThan(128);
  });

  it("are all different", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateKeyString("secret", "live")));
    expect(keys.size).toBe(2000);
  });

  it("refuse a mistyped key by its checksum, without any lookup", () => {
    const secret = generateKeyString("secret", "live");
    let refused = 0;
    for (let i = "otpsk_live_".length; i < secret.length; i++) {
      const typo = secret.slice(0, i) + (secret[i] === "a" ? "b" : "a") + secret.slice(i + 1);
      if (parseKeyString(typo) === null) refused++;
    }
    expect(refused).toBe(secret.length - "otpsk_live_".length);
  });

  it("refuse other shapes", () => {
    for (const value of ["", "otpsk_prod_abc", "sk_test_123", `otpsk_test_${"a".repeat(37)}`, `otpsk_test_${"a".repeat(39)}`]) {
      expect(parseKeyString(value)).toBeNull();
    }
  });
});

describe("reading the credential from the four header forms", () => {
  const secret = generateKeyString("secret", "test");
  const h = (init: Record<string, string>) => new Headers(init);

  it("bearer, pair, basic and single header", () => {
    expect(readCredential(h({ Authorization: `Bearer ${secret}` }))).toEqual({ secret });
    expect(readCredential(h({ authorization: `bearer ${secret}` }))).toEqual({ secret });
    expect(readCredential(h({ "X-API-Key": "key_1", "X-API-Secret": secret }))).toEqual({ keyId: "key_1", secret });
    expect(readCredential(h({ Authorization: `Basic ${Buffer.from(`key_1:${secret}`).toString("base64")}` }))).toEqual({
      keyId: "key_1",
      secret,
    });
    expect(readCredential(h({ "x-api-key": secret }))).toEqual({ secret });
  });

  it("nothing usable → null", () => {
    expect(readCredential(h({}))).toBeNull();
    expect(readCredential(h({ Authorization: "Token abc" }))).toBeNull();
    expect(readCredential(h({ Authorization: `Basic ${Buffer.from("no-colon").toString("base64")}` }))).toBeNull();
  });
});
