import { PEER_ADDRESS_HEADER } from "./client-ip";
import { onServerRequest } from "./server-request-hook";

/**
 * Next.js route handlers cannot see the TCP peer, and Next only fills X-Forwarded-For from the
 * socket when the client did not send one, so a client can choose its own "address". This hook
 * stamps every incoming request with the socket's address under a header of our own (overwriting
 * any client-sent value) before Next sees it. Installed once from instrumentation.ts.
 */
export function installPeerAddressHook(): void {
  onServerRequest("peerAddressHook", (request) => {
    const address = request.socket?.remoteAddress;
    if (address) request.headers[PEER_ADDRESS_HEADER] = address.replace(/^::ffff:/, "");
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
}
