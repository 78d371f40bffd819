import { isIP } from "node:net";
import { env } from "@/lib/config/env";

/**
 * Name of the header our own server hook (lib/http/peer-address.ts) sets from the TCP socket on
 * every request, overwriting anything a client sent under that name.
 */
export const PEER_ADDRESS_HEADER = "x-otpilot-peer-address";

/**
 * The client's IP address. X-Forwarded-For is believed only when OTPILOT_TRUST_PROXY says how many
 * proxies in front of us append to it, and then only the entry the outermost trusted proxy
 * appended: anything further left was written by the client and is ignored.
 */
export function clientIp(headers: Headers): string | null {
  const trustedHops = env().OTPILOT_TRUST_PROXY;
  if (trustedHops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    const appendedByProxy = chain[chain.length - trustedHops];
    if (appendedByProxy && isIP(appendedByProxy)) return appendedByProxy;
  }
  const peer = headers.get(PEER_ADDRESS_HEADER);
  return peer && isIP(peer) ? peer : null;
}
