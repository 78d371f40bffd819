import { NextResponse, type NextRequest } from "next/server";
import { cameOverTls, isApiPath, securityHeaders } from "@/lib/http/security-headers";

/**
 * Security headers on every response (lib/http/security-headers.ts). For pages it also makes a
 * fresh nonce and hands the policy to Next.js on the request, which then puts the nonce on the
 * scripts it renders (that is why the root layout renders dynamically).
 */
export function proxy(request: NextRequest) {
  const pathname = request.nextUrl.pathname;
  // API answers carry no scripts: no nonce to make for them.
  const nonce = isApiPath(pathname) ? "" : Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    pathname,
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
  if (csp && !isApiPath(pathname)) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    response = NextResponse.next();
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next's immutable build assets (hashed files with the right Content-Type).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
