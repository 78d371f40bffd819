import { db } from "@/lib/db/client";
import { api, randomMobile, type Credential } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

/**
 * Helpers of the compatibility-route tests: the code a test-mode send put in the outbox (any
 * alphabet, mixed case included), and what the engine recorded about a verification.
 */
export async function outboxCode(key: Credential, recipient: string): Promise<string> {
  const response = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { key });
  const message = response.body?.data?.[0];
  if (!message) throw new Error(`no outbox message to ${recipient}: ${response.text}`);
  // SMS bodies end with the WebOTP line "@host #code"; WhatsApp bodies say "… code is CODE. …" (in
  // the number's locale: the first word that ends a sentence is the code).
  const match = /#([0-9A-Za-z]{4,10})\s*$/.exec(message.body) ?? / ([0-9A-Za-z]{4,10})\. /.exec(message.body);
  if (!match) throw new Error(`no code in "${message.body}"`);
  return match[1]!;
}

export async function outboxCount(key: Credential, recipient: string): Promise<number> {
  const response = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=100`, { key });
  return response.body.data.length;
}

/** The verification row's source and the `source` of its events (read through the native logs API). */
export async function recordedSource(key: Credential, verificationId: string): Promise<{ row: string; events: Array<{ type: string; source: unknown }> }> {
  const prisma = await db();
  const row = await prisma.verification.findUniqueOrThrow({ where: { id: verificationId }, select: { source: true } });
  const logs = await api("GET", `/api/v1/otp/logs?verificationId=${verificationId}`, { key });
  return { row: row.source, events: logs.body.data.map((e: { type: string; data: { source?: unknown } }) => ({ type: e.type, source: e.data?.source })) };
}

/** A different code of the same shape (for wrong-code calls). */
export function wrongCode(code: string): string {
  return code.replace(/.$/, (last) => (last === "2" ? "3" : "2"));
}

/** The national part of a +55 number made by randomMobile(). */
export const nationalOf = (e164: string) => e164.slice(3);

/**
 * `next dev` compiles a route on its first request: calling each route once (without a key, so it
 * changes nothing) before the tests keeps that compile time out of the tests' own time limits.
 */
export async function warmUp(routes: Array<[method: string, path: string]>): Promise<void> {
  const common: Array<[string, string]> = [
    ["GET", "/api/v1/outbox"],
    ["GET", "/api/v1/otp/logs"],
    ["GET", "/api/v1/otp/status"],
    ["GET", "/api/v1/otp/list"],
    ["GET", "/api/v1/otp/ver_x"],
  ];
  for (const [method, path] of [...common, ...routes]) await api(method, path);
  // One real send and read, so the delivery path is compiled too.
  const t = await newTenant();
  const recipient = randomMobile();
  await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
  await outboxCode(t.test, recipient);
}
