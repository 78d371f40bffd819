import http from "node:http";

const INSTALLED = Symbol.for("otpilot.methodGuard");

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
  type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: Emit };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const originalEmit = proto.emit;
  proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      const response = args[1] as http.ServerResponse;
      delete request.headers[REQUESTED_METHOD_HEADER];
      const method = (request.method ?? "").toUpperCase();
      if (!ROUTABLE.has(method)) {
        if (!(request.url ?? "").startsWith("/api/")) {
          response.writeHead(405, { Allow: "GET, HEAD, POST, OPTIONS", "Content-Type": "text/plain; charset=utf-8" });
          response.end("Method not allowed\n");
          return true;
        }
        request.headers[REQUESTED_METHOD_HEADER] = method;
        request.method = "OPTIONS";
      }
    }
    return originalEmit.call(this, event, ...args);
  };
}
