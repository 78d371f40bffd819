import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, baseUrl, randomMobile } from "../../helpers/api";
import { eventually, providerRequests, sendTwilioCallback, sendWhatsAppCallback } from "../../helpers/providers/control";
import { liveTenant } from "../../helpers/providers/live-tenant";

async function sentMessage(channel: "sms" | "whatsapp") {
  const tenant = await liveTenant();
  const recipient = randomMobile();
  const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel } });
  const prisma = await db();
  const attempt = await eventually(async () => (await prisma.deliveryAttempt.findFirst({ where: { verificationId: sent.body.id, status: "sent" } })) ?? undefined);
  const [request] = await providerRequests(recipient);
  return { tenant, recipient, id: sent.body.id as string, attempt, request: request! };
}

async function unchanged(id: string, attemptId: string) {
  const prisma = await db();
  const verification = await prisma.verification.findUniqueOrThrow({ where: { id } });
  const attempt = await prisma.deliveryAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  expect(verification.deliveryStatus).toBe("sent");
  expect(attempt.status).toBe("sent");
  const events = await prisma.event.findMany({ where: { verificationId: id, type: { in: ["message.delivered", "message.failed"] } } });
  expect(events).toEqual([]);
}

describe("provider status callbacks are authenticated", { timeout: 60_000 }, () => {
  it("Twilio: a bad signature, another account's token or a tampered parameter answers 403 and changes nothing", async () => {
    const { tenant, id, attempt, request, recipient } = await sentMessage("sms");
    const url = String(request.body.StatusCallback);
    const params = { AccountSid: tenant.credentials.twilio.accountSid, MessageSid: attempt.providerMessageId!, MessageStatus: "delivered", To: recipient };
    expect((await sendTwilioCallback(url, tenant.credentials.twilio.authToken, params, { signature: "bm90IGEgc2lnbmF0dXJl" })).status).toBe(403);
    expect((await sendTwilioCallback(url, "0123456789abcdef0123456789abcdef", params)).status).toBe(403);
    expect((await sendTwilioCallback(url.replace(/attempt=[^&]+/, "attempt=dla_01m84000000000000000000000"), tenant.credentials.twilio.authToken, params)).status).toBe(403);
    // Signed with another tenant's Twilio token.
    const other = await liveTenant();
    expect((await sendTwilioCallback(url, other.credentials.twilio.authToken, params)).status).toBe(403);
    await unchanged(id, attempt.id);
    // The same callback, properly signed, is applied.
    expect((await sendTwilioCallback(url, tenant.credentials.twilio.authToken, params)).status).toBe(204);
    expect((await api("GET", `/api/v1/otp/${id}`, { key: tenant.live })).body.delivery.status).toBe("delivered");
  });

  it("WhatsApp: a body not signed with the app secret answers 403 and changes nothing", async () => {
    const { tenant, id, attempt, recipient } = await sentMessage("whatsapp");
    const status = { id: attempt.providerMessageId, status: "delivered", timestamp: "1700000000", recipient_id: recipient.slice(1), biz_opaque_callback_data: attempt.id };
    expect((await sendWhatsAppCallback(baseUrl(), "not-the-app-secret", [status])).status).toBe(403);
    const unsigned = await fetch(`${baseUrl()}/api/callbacks/whatsapp`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ entry: [{ changes: [{ value: { statuses: [status] } }] }] }) });
    expect(unsigned.status).toBe(403);
    await unchanged(id, attempt.id);
    expect((await sendWhatsAppCallback(baseUrl(), tenant.credentials.whatsapp.appSecret, [status])).status).toBe(200);
    expect((await api("GET", `/api/v1/otp/${id}`, { key: tenant.live })).body.delivery.status).toBe("delivered");
  });

  it("WhatsApp: the subscription handshake echoes the challenge only for an app's verify token", async () => {
    const tenant = await liveTenant();
    const handshake = (token: string, app = `&app=${tenant.appId}`) =>
      fetch(`${baseUrl()}/api/callbacks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444${app}`);
    const good = await handshake(tenant.credentials.whatsapp.verifyToken);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe("1158201444");
    const bad = await handshake("not-the-verify-token");
    expect(bad.status).toBe(403);
    expect(await bad.text()).toBe("");
    // Without ?app= nothing is looked up (no decrypting every app's settings): 403 even for a real token.
    const anyApp = await handshake(tenant.credentials.whatsapp.verifyToken, "");
    expect(anyApp.status).toBe(403);
    expect(await anyApp.text()).toBe("");
  });

  it("WhatsApp: known and unknown ids answer the same 403 unsigned, and a huge unsigned batch is refused at once", async () => {
    const { tenant, id, attempt } = await sentMessage("whatsapp");
    const post = (statuses: unknown[], query = "") =>
      fetch(`${baseUrl()}/api/callbacks/whatsapp${query}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Hub-Signature-256": "sha256=00" },
        body: JSON.stringify({ entry: [{ changes: [{ value: { statuses } }] }] }),
      });
    const known = await post([{ id: attempt.providerMessageId, status: "delivered", biz_opaque_callback_data: attempt.id }]);
    const unknown = await post([{ id: "wamid.unknown", status: "delivered", biz_opaque_callback_data: "dla_01m84000000000000000000000" }]);
    expect([known.status, unknown.status]).toEqual([403, 403]);
    expect((await post([{ id: "wamid.x", status: "delivered" }], `?app=${tenant.appId}`)).status).toBe(403);
    // The 2,000 statuses (~97 KB) are over the callback body cap; 500 under it: one lookup,
    // then 403 — not one query per status.
    const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `wamid.${i}`, status: "delivered", biz_opaque_callback_data: `dla_01m8400000000000000000${String(i).padStart(4, "0")}` }));
    expect((await post(batch(2000))).status).toBe(413);
    const started = Date.now();
    expect((await post(batch(500))).status).toBe(403);
    expect(Date.now() - started).toBeLessThan(2000);
    await unchanged(id, attempt.id);
  });

  it("WhatsApp: a signed callback naming the app with ?app= is applied", async () => {
    const { tenant, id, attempt, recipient } = await sentMessage("whatsapp");
    const status = { id: attempt.providerMessageId, status: "delivered", timestamp: "1700000000", recipient_id: recipient.slice(1) };
    const body = JSON.stringify({ entry: [{ changes: [{ value: { statuses: [status] } }] }] });
    const signature = `sha256=${createHmac("sha256", tenant.credentials.whatsapp.appSecret).update(body).digest("hex")}`;
    const response = await fetch(`${baseUrl()}/api/callbacks/whatsapp?app=${tenant.appId}`, { method: "POST", headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature }, body });
    expect(response.status).toBe(200);
    expect((await api("GET", `/api/v1/otp/${id}`, { key: tenant.live })).body.delivery.status).toBe("delivered");
  });

  it("callback bodies over 64 KiB answer 413 without being read", async () => {
    const big = "x".repeat(65 * 1024);
    for (const path of ["/api/callbacks/twilio?attempt=dla_01m84000000000000000000000", "/api/callbacks/whatsapp"]) {
      const response = await fetch(`${baseUrl()}${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: big });
      expect(response.status, path).toBe(413);
    }
  });

  it("provider secrets stay write-only in the apps API", async () => {
    const tenant = await liveTenant();
    const app = await api("GET", `/api/v1/apps/${tenant.appId}`, { key: tenant.live });
    expect(app.text).not.toContain(tenant.credentials.whatsapp.appSecret);
    expect(app.text).not.toContain(tenant.credentials.whatsapp.verifyToken);
    expect(app.text).not.toContain(tenant.credentials.twilio.authToken);
    expect(app.body.providers.whatsapp.appSecret).toMatch(/^••••/);
  });
});
