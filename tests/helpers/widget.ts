import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { api, randomMobile, type Credential } from "./api";
import type { TestTenant } from "./tenant";

export const EMBEDDING_ORIGIN = "https://shop.example";

/** Calls the widget API as a page on `origin` would. */
export function widgetApi(publishableKey: string, op: string, body: unknown, origin = EMBEDDING_ORIGIN) {
  return api("POST", `/api/widget/${publishableKey}/${op}`, { body, headers: { Origin: origin } });
}

/** A fresh challenge, solved as the page's script does. */
export async function solvedPow(publishableKey: string, origin = EMBEDDING_ORIGIN) {
  const response = await widgetApi(publishableKey, "challenge", {}, origin);
  if (response.status !== 200) throw new Error(`challenge: ${response.status} ${response.text}`);
  const challenge = response.body as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("could not solve the challenge");
  return { challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } };
}

/** The code of the newest outbox message to a recipient (the `#code` of its WebOTP line). */
export async function outboxCode(key: Credential, recipient: string): Promise<{ code: string; body: string }> {
  const response = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { key });
  const body = response.body?.data?.[0]?.body as string | undefined;
  const code = body && /#([0-9A-Z]{4,10})\b/.exec(body)?.[1];
  if (!body || !code) throw new Error(`no code in outbox for ${recipient}: ${response.text}`);
  return { code, body };
}

/** Runs the whole widget flow in `mode` and returns the token the page would get. */
export async function widgetToken(t: TestTenant, options: { mode?: "test" | "live"; nonce?: string } = {}) {
  const mode = options.mode ?? "test";
  const publishableKey = t.publishableKeys[mode];
  const recipient = randomMobile();
  const sent = await widgetApi(publishableKey, "send", { phone: recipient, origin: EMBEDDING_ORIGIN, pow: await solvedPow(publishableKey) });
  if (sent.status !== 201) throw new Error(`send: ${sent.status} ${sent.text}`);
  const { code } = await outboxCode(t.test, recipient);
  const verified = await widgetApi(publishableKey, "verify", { id: sent.body.id, code, nonce: options.nonce });
  if (verified.status !== 200 || !verified.body.token) throw new Error(`verify: ${verified.status} ${verified.text}`);
  return { token: verified.body.token as string, verificationId: sent.body.id as string, recipient };
}
