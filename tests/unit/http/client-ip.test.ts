import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { clientIp, PEER_ADDRESS_HEADER } from "@/lib/http/client-ip";

afterEach(() => {
  delete process.env.OTPILOT_TRUST_PROXY;
  resetEnvCache();
});

function headers(init: Record<string, string>) {
  return new Headers(init);
}

describe("client IP", () => {
  it("ignores X-Forwarded-For unless a proxy is trusted", () => {
    expect(clientIp(headers({ "x-forwarded-for": "203.0.113.9", [PEER_ADDRESS_HEADER]: "198.51.100.1" }))).toBe("198.51.100.1");
  });

  it("takes only the entry the trusted proxy appended", () => {
    process.env.OTPILOT_TRUST_PROXY = "1";
    resetEnvCache();
    const spoofed = headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9", [PEER_ADDRESS_HEADER]: "10.0.0.2" });
    expect(clientIp(spoofed)).toBe("203.0.113.9");
    process.env.OTPILOT_TRUST_PROXY = "2";
    resetEnvCache();
    expect(clientIp(headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.9, 10.0.0.1" }))).toBe("203.0.113.9");
  });

  it("falls back to the peer when the header is missing or garbage", () => {
    process.env.OTPILOT_TRUST_PROXY = "1";
    resetEnvCache();
    expect(clientIp(headers({ "x-forwarded-for": "not-an-ip", [PEER_ADDRESS_HEADER]: "198.51.100.1" }))).toBe("198.51.100.1");
    expect(clientIp(headers({}))).toBeNull();
  });
});
