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
    const handshake = (token: string) =>
      fetch(`${baseUrl()}/api/callbacks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
    const good = await handshake(tenant.credentials.whatsapp.verifyToken);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe("1158201444");
    const bad = await handshake("not-the-verify-token");
    expect(bad.status).toBe(403);
    expect(await bad.text()).toBe("");
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
