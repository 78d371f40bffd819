import { describe, expect, it } from "vitest";
import { cameOverTls, HSTS, securityHeaders } from "@/lib/http/security-headers";

describe("securityHeaders", () => {
  const base = { nonce: "abc", secure: false, development: false };

  it("pages: nonce CSP with strict-dynamic and frame-ancestors 'none'", () => {
    const headers = securityHeaders({ ...base, pathname: "/console" });
    expect(headers["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Strict-Transport-Security"]).toBeUndefined();
  });

  it("widget pages: no CSP, no framing headers; the widget route sets frame-ancestors itself", () => {
    const headers = securityHeaders({ ...base, pathname: "/widget/otppk_test_x", secure: true });
    expect(headers["Content-Security-Policy"]).toBeUndefined();
    expect(headers["X-Frame-Options"]).toBeUndefined();
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Strict-Transport-Security"]).toBe(HSTS);
  });

  it("API: data-only CSP; HSTS and upgrade-insecure-requests over TLS", () => {
    expect(securityHeaders({ ...base, pathname: "/api/v1/otp/send" })["Content-Security-Policy"]).toMatch(/^default-src 'none'/);
    const page = securityHeaders({ ...base, pathname: "/", secure: true });
    expect(page["Strict-Transport-Security"]).toBe(HSTS);
    expect(page["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });
});

describe("cameOverTls", () => {
  const http = "http://example.com";
  it("believes X-Forwarded-Proto only from a trusted proxy, and only the entry it appended", () => {
    expect(cameOverTls("https://otp.example.com", null, 0)).toBe(true);
    expect(cameOverTls(undefined, "https", 0)).toBe(false);
    expect(cameOverTls(http, "https", 0)).toBe(false);
    expect(cameOverTls(http, "https", 1)).toBe(true);
    expect(cameOverTls(http, "https, http", 1)).toBe(false);
    expect(cameOverTls(http, "http, https", 1)).toBe(true);
  });
});
