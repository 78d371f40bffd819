/**
 * The security headers of every response (issue 8): a strict Content-Security-Policy, nosniff,
 * a Referrer-Policy, framing refused, and HSTS when the request came over TLS. This module only
 * decides, so it is unit-tested without a server. Two places apply them:
 *
 * - pages: proxy.ts, per request (a fresh nonce each time);
 * - API answers (`/api`, `/compat`, `/.well-known`): next.config.ts's `headers()`, through
 *   apiHeaderRules(). Their headers never vary by request, and Next.js's proxy costs more CPU than
 *   an empty route handler itself (measured with `npm run bench`: the framework floor's CPU per request
 *   fell by a third with the API outside the proxy), so the hot path does not pay for it.
 *
 * Pages get a nonce-based policy (`'strict-dynamic'`: Next.js puts the nonce on its own scripts, and
 * scripts those load — Scalar on /docs/api — are trusted through them); inline styles stay allowed
 * (Next.js and Scalar inject them, and a style cannot run code). API answers are data, never
 * documents: `default-src 'none'`.
 *
 * Widget pages (/widget/…) are embedded in tenants' sites by design: they get no CSP, no
 * frame-ancestors and no X-Frame-Options from here — the widget route sets its own
 * `Content-Security-Policy: frame-ancestors <the app's allowedOrigins>` (CONTRACT §8).
 */
export type SecurityHeaderInput = {
  pathname: string;
  /** a fresh random value per request, for pages */
  nonce: string;
  /** the request came over TLS (directly, or per a trusted proxy's X-Forwarded-Proto) */
  secure: boolean;
  /** `next dev`: React's dev tooling needs eval */
  development: boolean;
};

export const HSTS = "max-age=63072000; includeSubDomains";

export function isWidgetPage(pathname: string): boolean {
  return pathname === "/widget" || pathname.startsWith("/widget/");
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/") || pathname.startsWith("/.well-known/") || pathname.startsWith("/compat/");
}

export function pageCsp(nonce: string, options: { development: boolean; secure: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    // the console and docs may preview the widget, which is served by this same origin
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Every API answer's headers but HSTS: they do not depend on the request. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": API_CSP,
};

/** The API's path prefixes, in next.config.ts `source` syntax; proxy.ts's matcher leaves them out. */
const API_SOURCES = ["/api", "/api/:path*", "/compat/:path*", "/.well-known/:path*"];

/**
 * next.config.ts `headers()` rules for API answers. HSTS is sent when a proxy in front says the
 * request came over TLS (`X-Forwarded-Proto: https`). These rules are fixed at build time, so they
 * cannot read OTPILOT_BASE_URL or OTPILOT_TRUST_PROXY as cameOverTls() does for pages; believing the
 * header here is safe because a browser ignores HSTS received over plain HTTP (RFC 6797 §8.1): a
 * client that forges the header over HTTP only sends itself a header it must discard, and one that
 * came over TLS did come over TLS. Pages (where browsers normally learn HSTS) keep the stricter rule.
 */
export function apiHeaderRules(): { source: string; has?: { type: "header"; key: string; value: string }[]; headers: { key: string; value: string }[] }[] {
  const headers = Object.entries(API_HEADERS).map(([key, value]) => ({ key, value }));
  return API_SOURCES.flatMap((source) => [
    { source, headers },
    {
      source,
      has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }],
      headers: [{ key: "Strict-Transport-Security", value: HSTS }],
    },
  ]);
}

/** The response headers for one request, by path. */
export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
  if (input.secure) headers["Strict-Transport-Security"] = HSTS;
  if (isWidgetPage(input.pathname)) return headers;
  if (isApiPath(input.pathname)) return { ...headers, ...API_HEADERS };
  headers["X-Frame-Options"] = "DENY";
  headers["Content-Security-Policy"] = pageCsp(input.nonce, { development: input.development, secure: input.secure });
  return headers;
}

/**
 * Whether a request came over TLS: the operator's public URL (OTPILOT_BASE_URL) is https, or — only
 * when the operator says proxies are in front (OTPILOT_TRUST_PROXY > 0) — the outermost trusted
 * proxy's X-Forwarded-Proto says https. A client's own X-Forwarded-Proto is not believed otherwise
 * (nor Next.js's request URL, whose scheme is taken from that same header).
 */
export function cameOverTls(publicBaseUrl: string | undefined, forwardedProto: string | null, trustedProxies: number): boolean {
  if (publicBaseUrl?.toLowerCase().startsWith("https://")) return true;
  if (trustedProxies <= 0 || !forwardedProto) return false;
  const chain = forwardedProto.split(",").map((p) => p.trim().toLowerCase()).filter(Boolean);
  return chain[chain.length - Math.min(trustedProxies, chain.length)] === "https";
}
