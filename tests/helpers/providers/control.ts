import { createHmac } from "node:crypto";
import { inject } from "vitest";
import type { RecordedRequest } from "./stand-in";

const standIn = () => inject("providerStandIn");

async function control(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${standIn()}/__control${path}`, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return response.status === 204 ? null : response.json();
}

/** Tells the Twilio stand-in which auth token this account has. */
export function registerTwilioAccount(accountSid: string, authToken: string) {
  return control("POST", "/accounts", { provider: "twilio", accountSid, authToken });
}

/** Tells the Meta stand-in which access token this phone number id has. */
export function registerWhatsAppNumber(phoneNumberId: string, accessToken: string) {
  return control("POST", "/accounts", { provider: "whatsapp", phoneNumberId, accessToken });
}

/** The next provider calls to `to` get these answers, in order (status 0 = the default success after delayMs). */
export function scriptResponses(to: string, responses: Array<{ status: number; body?: unknown; delayMs?: number }>) {
  return control("POST", "/script", { to, responses });
}

export async function providerRequests(to: string): Promise<RecordedRequest[]> {
  return (await control("GET", `/requests?to=${encodeURIComponent(to)}`)).data;
}

/** Polls until `check` returns a value (not undefined). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Signatures computed here from the providers' documentation, independently of lib/ (so a bug there shows).

/** Posts a Twilio status callback to `url` (the StatusCallback we were given), signed with `authToken` unless told otherwise. */
export async function sendTwilioCallback(url: string, authToken: string, params: Record<string, string>, options: { signature?: string } = {}) {
  const sorted = Object.keys(params).sort();
  const signed = url + sorted.map((k) => k + params[k]).join("");
  const signature = options.signature ?? createHmac("sha1", authToken).update(signed).digest("base64");
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
    body: new URLSearchParams(params).toString(),
  });
}

/** Posts a Meta status webhook with these statuses, signed with `appSecret`. */
export async function sendWhatsAppCallback(baseUrl: string, appSecret: string, statuses: Array<Record<string, unknown>>) {
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" }, statuses } }] }],
  });
  const signature = `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
  return fetch(`${baseUrl}/api/callbacks/whatsapp`, { method: "POST", headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature }, body });
}
