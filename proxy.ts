import { NextResponse, type NextRequest } from "next/server";
import { cameOverTls, securityHeaders } from "@/lib/http/security-headers";

/**
 * Security headers on every page (lib/http/security-headers.ts), with a fresh nonce handed to
 * Next.js on the request, which then puts it on the scripts it renders (that is why the root layout
 * renders dynamically). API answers get theirs from next.config.ts instead: they need no nonce, and
 * the proxy would cost every API request more CPU than its route handler.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    secure: cameOverTls(
      process.env.OTPILOT_BASE_URL,
      request.headers.get("x-forwarded-proto"),
      Number(process.env.OTPILOT_TRUST_PROXY ?? 0) || 0,
    ),
    development: process.env.NODE_ENV === "development",
  });
  const csp = headers["Content-Security-Policy"];
  let response: NextResponse;
  if (csp) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next(); // widget pages: the widget route sets its own policy
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next's immutable build assets (hashed files with the right Content-Type) and the
  // API paths (isApiPath: /api, /compat, /.well-known), whose headers next.config.ts sets.
  matcher: ["/((?!_next/static|_next/image|api(?:/|$)|compat/|\\.well-known/).*)"],
};
