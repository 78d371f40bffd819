import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { WebhookTarget } from "./resolve-webhook-target";

const WEBHOOK_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 1024;

export type WebhookResponse = { status: number; body: string };

/**
 * POSTs a signed webhook to the pinned address of `target`. The URL's host name still goes in the
 * Host header and in TLS SNI and certificate checks; only the connection is pinned. Redirects are
 * not followed (a 3xx is a failed attempt), so a receiver cannot bounce us to an internal address.
 * Rejects on network errors and after 15 s in total.
 */
export function sendWebhook(
  target: WebhookTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<WebhookResponse> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const transport = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(target.url, {
      method: "POST",
      lookup: pinned,
      agent: false,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "user-agent": "OTPilot-Webhooks/1",
        ...headers,
      },
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        // Keep the start of the answer for lastError; read (and drop) the rest so the socket closes cleanly.
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_RESPONSE_BYTES) }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}
