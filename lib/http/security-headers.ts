/**
 * The security headers of every response (issue 8): a strict Content-Security-Policy, nosniff,
 * a Referrer-Policy, framing refused, and HSTS when the request came over TLS. proxy.ts applies
 * them; this module only decides, so it is unit-tested without a server.
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

/** The response headers for one request, by path. */
export function securityHeaders(input: SecurityHeaderInput): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
  if (input.secure) headers["Strict-Transport-Security"] = HSTS;
  if (isWidgetPage(input.pathname)) return headers;
  headers["X-Frame-Options"] = "DENY";
  headers["Content-Security-Policy"] = isApiPath(input.pathname)
    ? API_CSP
    : pageCsp(input.nonce, { development: input.development, secure: input.secure });
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
