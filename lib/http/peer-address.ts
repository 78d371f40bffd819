import http from "node:http";
import { PEER_ADDRESS_HEADER } from "./client-ip";

const INSTALLED = Symbol.for("otpilot.peerAddressHook");

/**
 * Next.js route handlers cannot see the TCP peer, and Next only fills X-Forwarded-For from the
 * socket when the client did not send one, so a client can choose its own "address". This hook
 * stamps every incoming request with the socket's address under a header of our own (overwriting
 * any client-sent value) before Next sees it. Installed once from instrumentation.ts.
 */
export function installPeerAddressHook(): void {
  type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: Emit };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const originalEmit = proto.emit;
  proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      const address = request.socket?.remoteAddress;
      if (address) request.headers[PEER_ADDRESS_HEADER] = address.replace(/^::ffff:/, "");
      else delete request.headers[PEER_ADDRESS_HEADER];
    }
    return originalEmit.call(this, event, ...args);
  };
}
