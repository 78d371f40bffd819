import http from "node:http";

/**
 * Runs `handle` on every request Node's HTTP server receives, before Next.js sees it: the one way our
 * code can read the TCP peer or rewrite what Next cannot route. Installed once per name (instrumentation
 * may run more than once per process); `handle` returns true when it answered the request itself.
 */
export function onServerRequest(
  name: string,
  handle: (request: http.IncomingMessage, response: http.ServerResponse) => boolean | void,
): void {
  type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: Emit };
  const installed = Symbol.for(`otpilot.${name}`);
  if (proto[installed]) return;
  proto[installed] = true;
  const originalEmit = proto.emit;
  proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request" && handle(args[0] as http.IncomingMessage, args[1] as http.ServerResponse))
      return true;
    return originalEmit.call(this, event, ...args);
  };
}
