import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  KeyringError,
  decrypt,
  encrypt,
  maskSecret,
  parseKeyring,
  type Keyring,
} from "@/lib/crypto/encryption";

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const ring = (activeKid: string, entries: [string, Buffer][]): Keyring => ({
  activeKid,
  keys: new Map(entries),
});

describe("encrypt / decrypt", () => {
  const keyring = ring("a", [["a", keyA]]);

  it("round-trips unicode text and empty strings", () => {
    for (const text of ["", "hello", '{"authToken":"s3cr3t"}', "ünïcødé 🔐 العربية"]) {
      expect(decrypt(encrypt(text, keyring, "app_1"), keyring, "app_1")).toBe(text);
    }
  });

  it("produces a compact v1 envelope naming the key, with a fresh IV each time", () => {
    const one = encrypt("same", keyring);
    const two = encrypt("same", keyring);
    expect(one).toMatch(/^v1\.a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(one).not.toBe(two);
    expect(one.split(".")[2]).not.toBe(two.split(".")[2]);
    expect(one).not.toContain("same");
  });

  it("binds the ciphertext to its associated data (a row moved elsewhere fails)", () => {
    const sealed = encrypt("token", keyring, "app_1");
    expect(() => decrypt(sealed, keyring, "app_2")).toThrow(DecryptionError);
    expect(() => decrypt(sealed, keyring)).toThrow(DecryptionError);
    expect(() => decrypt(encrypt("token", keyring), keyring, "app_1")).toThrow(DecryptionError);
  });

  it("detects tampering with any part", () => {
    const sealed = encrypt("token value", keyring, "row");
    const parts = sealed.split(".");
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0]! ^= 1;
      const tampered = [...parts];
      tampered[index] = bytes.toString("base64url");
      expect(() => decrypt(tampered.join("."), keyring, "row")).toThrow(DecryptionError);
    }
  });

  it("authenticates the key id: relabelling an envelope with another kid fails", () => {
    const sameKeyTwoNames = ring("a", [
      ["a", keyA],
      ["b", keyA],
    ]);
    const relabelled = encrypt("x", sameKeyTwoNames).replace(/^v1\.a\./, "v1.b.");
    expect(() => decrypt(relabelled, sameKeyTwoNames)).toThrow(DecryptionError);
  });

  it("rotates: the active key encrypts, older keys still decrypt, a missing key is named", () => {
    const old = ring("old", [["old", keyA]]);
    const sealedWithOld = encrypt("legacy", old, "r");
    const rotated = ring("new", [
      ["new", keyB],
      ["old", keyA],
    ]);
    expect(decrypt(sealedWithOld, rotated, "r")).toBe("legacy");
    const sealedWithNew = encrypt("fresh", rotated, "r");
    expect(sealedWithNew.startsWith("v1.new.")).toBe(true);
    expect(() => decrypt(sealedWithNew, old, "r")).toThrow(/"new" is not in the keyring/);
  });

  it("refuses a wrong key of the same id", () => {
    const sealed = encrypt("x", ring("a", [["a", keyA]]));
    expect(() => decrypt(sealed, ring("a", [["a", keyB]]))).toThrow(DecryptionError);
  });

  it.each([
    ["plain text", "not encrypted"],
    ["wrong version", "v2.a.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA"],
    ["missing part", "v1.a.AAAAAAAAAAAAAAAA.AA"],
    ["bad characters", "v1.a.AAAA+AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA"],
    ["short IV", "v1.a.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AA"],
    ["short tag", "v1.a.AAAAAAAAAAAAAAAA.AAAA.AA"],
  ])("refuses a malformed envelope: %s", (_, envelope) => {
    expect(() => decrypt(envelope, keyring)).toThrow(DecryptionError);
  });

  it("refuses to encrypt with an active key that is missing or not 32 bytes", () => {
    expect(() => encrypt("x", ring("gone", [["a", keyA]]))).toThrow(KeyringError);
    expect(() => encrypt("x", ring("short", [["short", randomBytes(16)]]))).toThrow(KeyringError);
  });
});

describe("parseKeyring", () => {
  it("reads kid:base64 pairs, first one active, base64 and base64url alike", () => {
    const keyring = parseKeyring(`k2026:${keyA.toString("base64")}, k2025:${keyB.toString("base64url")}`);
    expect(keyring.activeKid).toBe("k2026");
    expect([...keyring.keys.keys()]).toEqual(["k2026", "k2025"]);
    expect(keyring.keys.get("k2026")!.equals(keyA)).toBe(true);
    expect(keyring.keys.get("k2025")!.equals(keyB)).toBe(true);
  });

  it("works with encrypt/decrypt", () => {
    const keyring = parseKeyring(`main:${keyA.toString("base64")}`);
    expect(decrypt(encrypt("ok", keyring, "id"), keyring, "id")).toBe("ok");
  });

  it.each([
    ["empty", ""],
    ["no kid", keyA.toString("base64")],
    ["empty kid", `:${keyA.toString("base64")}`],
    ["dot in kid (the envelope separator)", `a.b:${keyA.toString("base64")}`],
    ["16-byte key", `a:${randomBytes(16).toString("base64")}`],
    ["48-byte key", `a:${randomBytes(48).toString("base64")}`],
    ["not base64", `a:${"!".repeat(44)}`],
    ["duplicate kid", `a:${keyA.toString("base64")},a:${keyB.toString("base64")}`],
    ["trailing comma", `a:${keyA.toString("base64")},`],
  ])("refuses %s", (_, spec) => {
    expect(() => parseKeyring(spec)).toThrow(KeyringError);
  });
});

describe("maskSecret", () => {
  it("shows only the last 4 characters of a long secret", () => {
    expect(maskSecret("sk_live_abcdefghijkl1234")).toBe("••••1234");
  });

  it("shows nothing of a short secret", () => {
    expect(maskSecret("abc12345")).toBe("••••");
    expect(maskSecret("")).toBe("••••");
  });
});
