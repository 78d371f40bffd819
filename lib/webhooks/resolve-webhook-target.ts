import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { env } from "@/lib/config/env";
import { isPublicAddress } from "./address-guard";

export type WebhookTarget = { url: URL; address: string; family: 4 | 6 };

export class BlockedAddressError extends Error {
  override name = "BlockedAddressError";
}

/**
 * Resolves a webhook URL's host once and returns the address to connect to. The request must then
 * go to that pinned address (send-webhook.ts), so a DNS answer that changes between this check and
 * the connection (DNS rebinding) cannot redirect it. Every address the name has must be public:
 * otherwise a name with one public and one private record could still reach the private one.
 */
export async function resolveWebhookTarget(
  rawUrl: string,
  allowPrivate = env().OTPILOT_ALLOW_PRIVATE_WEBHOOKS,
): Promise<WebhookTarget> {
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  const addresses = literal
    ? [{ address: host, family: literal }]
    : await lookup(host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  if (!allowPrivate) {
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) throw new BlockedAddressError(`${host} resolves to ${blocked.address}, which is not a public address`);
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
