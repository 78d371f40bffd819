import { describe, expect, it } from "vitest";
import { config as proxyConfig } from "@/proxy";
import { API_HEADERS, apiHeaderRules, cameOverTls, HSTS, isApiPath, securityHeaders } from "@/lib/http/security-headers";

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

describe("API answers' headers (next.config.ts) and the proxy's matcher", () => {
  it("every API path gets the fixed headers, and HSTS only with X-Forwarded-Proto: https", () => {
    const rules = apiHeaderRules();
    for (const source of ["/api", "/api/:path*", "/compat/:path*", "/.well-known/:path*"]) {
      const forSource = rules.filter((rule) => rule.source === source);
      expect(forSource.find((rule) => !rule.has)?.headers).toEqual(Object.entries(API_HEADERS).map(([key, value]) => ({ key, value })));
      expect(forSource.find((rule) => rule.has)).toEqual({
        source,
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: HSTS }],
      });
    }
  });

  it("the proxy runs exactly for the paths that are not API paths", () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]}$`);
    for (const path of ["/", "/console", "/docs/api", "/widget/otppk_test_x", "/apiary", "/api", "/api/v1/otp/send", "/api/health/live", "/compat/user-auth/fe/users/auth/otp/verify", "/.well-known/jwks.json"]) {
      expect(matcher.test(path), path).toBe(!isApiPath(path));
    }
  });
});
