import { describe, expect, it } from "vitest";
import { baseUrl } from "../../helpers/api";

/** Issue 8 item 8: security headers on every HTML page and API response. */
const get = (path: string, headers: Record<string, string> = {}) => fetch(baseUrl() + path, { headers, redirect: "manual" });

describe("security headers", () => {
  it.each(["/", "/docs", "/docs/api"])("page %s: strict nonce CSP, no framing, nosniff, Referrer-Policy", async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // Next.js put this response's nonce on its scripts (the page is rendered per request).
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
    // A fresh nonce per request.
    const again = (await get(path)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it.each(["/api/v1/otp/list", "/api/health", "/api/nope", "/api/v1/openapi.json", "/api", "/.well-known/jwks.json", "/compat/multi-channel/otp/list"])(
    "API %s: a data-only CSP, nosniff, no framing (set by next.config.ts, not the proxy)",
    async (path) => {
      const response = await get(path);
      // Exactly one policy: the page policy of proxy.ts must not be added on top.
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("strict-transport-security")).toBeNull();
    },
  );

  it("API answers get HSTS when a proxy says the request came over TLS (ignored by browsers over HTTP)", async () => {
    const over = (proto: string) => get("/api/v1/otp/list", { "X-Forwarded-Proto": proto });
    expect((await over("https")).headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect((await over("http")).headers.get("strict-transport-security")).toBeNull();
    expect((await over("http, https")).headers.get("strict-transport-security")).toBeNull();
  });

  it("widget pages get no frame-ancestors or X-Frame-Options from the global headers", async () => {
    const response = await get("/widget/otppk_test_nothing");
    expect(response.headers.get("x-frame-options")).toBeNull();
    for (const csp of (response.headers.get("content-security-policy") ?? "").split(",")) {
      // Only the widget route's own frame-ancestors (the app's allowed origins) may appear.
      expect(csp).not.toContain("frame-ancestors 'none'; base-uri");
    }
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("HSTS only over TLS: a client's own X-Forwarded-Proto is not believed without a trusted proxy", async () => {
    expect((await get("/")).headers.get("strict-transport-security")).toBeNull();
    expect((await get("/", { "X-Forwarded-Proto": "https" })).headers.get("strict-transport-security")).toBeNull();
  });
});
