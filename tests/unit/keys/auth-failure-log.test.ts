import { afterEach, describe, expect, it, vi } from "vitest";
import { authenticateApiKey } from "@/lib/keys/authenticate-api-key";
import { generateKeyString } from "@/lib/keys/secret-format";
import { logger } from "@/lib/log";

/** Issue 8 item 8: failed authentications are logged with a key prefix, never the secret. */
afterEach(() => vi.restoreAllMocks());

async function refusedWith(headers: Record<string, string>) {
  const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
  await expect(authenticateApiKey(new Headers(headers))).rejects.toMatchObject({ code: "unauthorized" });
  expect(warn).toHaveBeenCalledTimes(1);
  return { fields: warn.mock.calls[0]![0] as unknown as Record<string, unknown>, logged: JSON.stringify(warn.mock.calls) };
}

describe("failed authentication log", () => {
  it("a mistyped secret: reason and prefix, not the secret", async () => {
    const secret = generateKeyString("secret", "live");
    const typo = secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a");
    const { fields, logged } = await refusedWith({ Authorization: `Bearer ${typo}` });
    expect(fields).toMatchObject({ reason: "malformed", keyPrefix: typo.slice(0, "otpsk_live_".length + 4) });
    expect(logged).not.toContain(typo);
  });

  it("a publishable key, with the key id the caller named", async () => {
    const publishable = generateKeyString("publishable", "test");
    const { fields, logged } = await refusedWith({ "X-API-Key": "key_01abc", "X-API-Secret": publishable });
    expect(fields).toMatchObject({ reason: "publishable", keyId: "key_01abc" });
    expect(logged).not.toContain(publishable);
  });

  it("garbage: a short prefix at most", async () => {
    const { fields, logged } = await refusedWith({ Authorization: "Bearer hunter2hunter2" });
    expect(fields.reason).toBe("malformed");
    expect(logged).not.toContain("hunter2hunter2");
  });
});
