import type http from "node:http";
import { onServerRequest } from "./server-request-hook";

/** Set on a request whose method Next.js cannot handle, so the route's OPTIONS handler answers 405. */
export const REQUESTED_METHOD_HEADER = "x-otpilot-requested-method";

// The methods Next.js route handlers can receive. Others never reach a route: Next answers 400 with
// no body, and TRACE/TRACK make it answer 500 (undici's Request refuses them).
const ROUTABLE = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH"]);

/**
 * Any other method (TRACE, PROPFIND, …) on an /api/ path is handed to Next as OPTIONS, marked with
 * the method it was, so the route's OPTIONS handler (lib/http/api-route.ts `options`) answers 405
 * problem+json with the route's real Allow. Elsewhere (pages) it is answered 405 here. A
 * client-sent copy of the marker is removed first. Installed once from instrumentation.ts.
 */
export function installMethodGuard(): void {
  onServerRequest("methodGuard", (request, response) => {
    delete request.headers[REQUESTED_METHOD_HEADER];
    const method = (request.method ?? "").toUpperCase();
    if (ROUTABLE.has(method)) return false;
    if (!(request.url ?? "").startsWith("/api/")) {
      response.writeHead(405, {
        Allow: "GET, HEAD, POST, OPTIONS",
        "Content-Type": "text/plain; charset=utf-8",
      });
      response.end("Method not allowed\n");
      return true;
    }
    request.headers[REQUESTED_METHOD_HEADER] = method;
    request.method = "OPTIONS";
    refuseIfAnsweredAsOptions(response, method);
    return false;
  });
}

/**
 * A route without our `options` handler answers the rewritten request with Next's automatic OPTIONS
 * (204 + Allow of its exports); that answer becomes the 405 problem+json the method deserves, with
 * the same Allow.
 */
function refuseIfAnsweredAsOptions(response: http.ServerResponse, method: string): void {
  type Fn = (this: http.ServerResponse, ...args: unknown[]) => http.ServerResponse;
  const writeHead = response.writeHead as unknown as Fn;
  const end = response.end as unknown as Fn;
  let body: string | null = null;

  const refusal = (allow: string) => {
    body = JSON.stringify({
      type: "https://otpilot.dev/errors/method_not_allowed",
      title: "Method not allowed",
      status: 405,
      detail: `This path does not accept ${method}; it accepts ${allow}.`,
      code: "method_not_allowed",
    });
    return {
      Allow: allow,
      "Content-Type": "application/problem+json",
      "Cache-Control": "no-store",
      "Content-Length": String(Buffer.byteLength(body)),
    };
  };
  const allowOf = (res: http.ServerResponse, headers?: unknown) => {
    const given =
      headers && typeof headers === "object" && !Array.isArray(headers)
        ? (headers as Record<string, unknown>)
        : {};
    const fromArgs = Object.entries(given).find(([name]) => name.toLowerCase() === "allow")?.[1];
    return String(fromArgs ?? res.getHeader("allow") ?? "OPTIONS");
  };

  // Next sets the status and headers, then ends an empty body (headers written implicitly or by writeHead).
  response.writeHead = function (this: http.ServerResponse, statusCode: unknown, ...rest: unknown[]) {
    if (statusCode !== 204 || body !== null) return writeHead.call(this, statusCode, ...rest);
    const headers = refusal(allowOf(this, rest.at(-1)));
    for (const name of this.getHeaderNames()) this.removeHeader(name);
    return writeHead.call(this, 405, headers);
  } as unknown as typeof response.writeHead;
  response.end = function (this: http.ServerResponse, ...args: unknown[]) {
    if (body === null && this.statusCode === 204 && !this.headersSent) {
      const headers = refusal(allowOf(this));
      for (const name of this.getHeaderNames()) this.removeHeader(name);
      this.statusCode = 405;
      for (const [name, value] of Object.entries(headers)) this.setHeader(name, value);
    }
    if (body !== null) return end.call(this, body);
    return end.apply(this, args);
  } as unknown as typeof response.end;
}
