import ipaddr from "ipaddr.js";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/http/errors";

/**
 * The SSRF guard of CONTRACT §9: a webhook may only reach public unicast addresses. It is an allow
 * list (ipaddr.js names every special-purpose range; only `unicast` passes), so loopback, private,
 * link-local, CGNAT, unspecified, broadcast, multicast, unique-local, documentation, reserved and
 * the IPv6 transition prefixes that embed an IPv4 address (6to4, Teredo, NAT64) are all refused.
 * IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are judged as the IPv4 address they carry.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() unwraps IPv4-mapped IPv6 into the IPv4 address it carries.
  const parsed = ipaddr.process(address.replace(/^\[|\]$/g, ""));
  if (parsed.kind() === "ipv6" && isIpv4Compatible(parsed as ipaddr.IPv6)) return false;
  return parsed.range() === "unicast";
}

// The deprecated IPv4-compatible form `::a.b.c.d` (::/96) has no range name in ipaddr.js.
function isIpv4Compatible(address: ipaddr.IPv6): boolean {
  return address.parts.slice(0, 6).every((part) => part === 0);
}

// Names that resolve to this host or the local network by convention (RFC 6761, RFC 8375, mDNS).
const LOCAL_NAME = /(^|\.)(localhost|local|localdomain|internal|intranet|lan|home\.arpa)\.?$/i;

/**
 * Why a webhook URL is refused before any DNS lookup, or null when it may be saved: a literal IP
 * that is not public, or a host name that is local by convention. Names that resolve privately only
 * through DNS are caught at delivery time (resolve-webhook-target.ts), against the resolved address.
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "use an http or https URL";
  if (url.username || url.password) return "credentials in the URL are not allowed; sign-check the webhook instead";
  // The WHATWG parser has already turned decimal, octal and hex IPv4 forms into dotted quads.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host)) {
    return isPublicAddress(host) ? null : `${host} is not a public address (loopback, private, link-local and other special ranges are refused)`;
  }
  if (LOCAL_NAME.test(host)) return `${host} is a local host name`;
  return null;
}

/**
 * For app settings (PATCH/POST /api/v1/apps, the CLI): refuses a webhook URL that is obviously
 * not public with a 400 naming the field, unless OTPILOT_ALLOW_PRIVATE_WEBHOOKS is set.
 */
export function assertWebhookUrlAllowed(url: string, allowPrivate = env().OTPILOT_ALLOW_PRIVATE_WEBHOOKS): void {
  assertOutboundUrlAllowed(url, "webhookUrl", allowPrivate);
}

/**
 * The same save-time check for every outbound URL a tenant controls (`webhookUrl`,
 * `providers.http.url`): the 400 names the field. Call time is guarded again against the resolved
 * address (resolve-webhook-target.ts), since DNS can change after saving.
 */
export function assertOutboundUrlAllowed(url: string, field: string, allowPrivate = env().OTPILOT_ALLOW_PRIVATE_WEBHOOKS): void {
  if (allowPrivate) return;
  const problem = webhookUrlProblem(url);
  if (!problem) return;
  const message = `${problem}; outbound calls must reach a public address (an operator can allow private ones with OTPILOT_ALLOW_PRIVATE_WEBHOOKS=1)`;
  throw new ApiError("invalid_request", `The request body is invalid: ${field}: ${message}.`, { errors: [{ path: field, message }] });
}
