import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, baseUrl, expectProblem, randomMobile } from "../../helpers/api";
import { eventually, providerRequests, scriptResponses, sendTwilioCallback, sendWhatsAppCallback } from "../../helpers/providers/control";
import { liveTenant } from "../../helpers/providers/live-tenant";
import { newTenant } from "../../helpers/tenant";

async function deliveryOf(key: { keyId: string; secret: string }, id: string) {
  return (await api("GET", `/api/v1/otp/${id}`, { key })).body.delivery;
}

async function logTypes(key: { keyId: string; secret: string }, id: string): Promise<string[]> {
  const response = await api("GET", `/api/v1/otp/logs?verificationId=${id}&limit=100`, { key });
  return response.body.data.map((e: { type: string }) => e.type).reverse();
}

// The first test also pays for next dev compiling the routes it reaches.
describe("live delivery through the providers", { timeout: 60_000 }, () => {
  it("sends SMS through Twilio's Messages API and follows its signed receipts in order", async () => {
    const tenant = await liveTenant();
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "sms" } });
    expect(sent.status).toBe(201);
    expect(sent.body.delivery).toMatchObject({ status: "queued", channel: "sms", provider: "twilio" });

    const [request] = await eventually(async () => {
      const requests = await providerRequests(recipient);
      return requests.length ? requests : undefined;
    });
    expect(request!.problems).toEqual([]);
    expect(request!.path).toBe(`/2010-04-01/Accounts/${tenant.credentials.twilio.accountSid}/Messages.json`);
    expect(request!.body).toMatchObject({ To: recipient, From: tenant.credentials.twilio.from });
    const callbackUrl = String(request!.body.StatusCallback);
    expect(callbackUrl.startsWith(`${baseUrl()}/api/callbacks/twilio`)).toBe(true);
    const code = /#(\d{6})\s*$/.exec(String(request!.body.Body))![1]!;

    await eventually(async () => ((await deliveryOf(tenant.live, sent.body.id)).status === "sent" ? true : undefined));
    const prisma = await db();
    const attempt = await prisma.deliveryAttempt.findFirstOrThrow({ where: { verificationId: sent.body.id } });
    expect(attempt).toMatchObject({ provider: "twilio", status: "sent", channel: "sms" });
    expect(attempt.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);

    const params = { AccountSid: tenant.credentials.twilio.accountSid, MessageSid: attempt.providerMessageId!, To: recipient, From: tenant.credentials.twilio.from };
    expect((await sendTwilioCallback(callbackUrl, tenant.credentials.twilio.authToken, { ...params, MessageStatus: "delivered" })).status).toBeLessThan(300);
    // A late "sent" after "delivered" changes nothing.
    expect((await sendTwilioCallback(callbackUrl, tenant.credentials.twilio.authToken, { ...params, MessageStatus: "sent" })).status).toBeLessThan(300);
    expect(await deliveryOf(tenant.live, sent.body.id)).toMatchObject({ status: "delivered", channel: "sms", provider: "twilio" });
    expect(await logTypes(tenant.live, sent.body.id)).toEqual(["verification.created", "message.sent", "message.delivered"]);

    // The code the provider got is the code that verifies; once delivered it is no longer stored.
    const stored = await prisma.verification.findUniqueOrThrow({ where: { id: sent.body.id } });
    expect(stored.codeEncrypted).toBeNull();
    const verified = await api("POST", "/api/v1/otp/verify", { key: tenant.live, body: { id: sent.body.id, code } });
    expect(verified.body.valid).toBe(true);
  });

  it("sends WhatsApp through Meta's Cloud API as an authentication template with the code in the body and the button", async () => {
    const tenant = await liveTenant();
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "whatsapp" } });
    expect(sent.status).toBe(201);
    expect(sent.body.delivery).toMatchObject({ status: "queued", channel: "whatsapp", provider: "whatsapp" });
    const [request] = await eventually(async () => {
      const requests = await providerRequests(recipient);
      return requests.length ? requests : undefined;
    });
    expect(request!.problems).toEqual([]);
    expect(request!.path).toBe(`/v21.0/${tenant.credentials.whatsapp.phoneNumberId}/messages`);
    const body = request!.body as any;
    expect(body.template).toMatchObject({ name: "otp_code", language: { code: "en_US" } });
    const code = body.template.components[0].parameters[0].text;
    expect(code).toMatch(/^\d{6}$/);

    await eventually(async () => ((await deliveryOf(tenant.live, sent.body.id)).status === "sent" ? true : undefined));
    const prisma = await db();
    const attempt = await prisma.deliveryAttempt.findFirstOrThrow({ where: { verificationId: sent.body.id } });
    expect(attempt.providerMessageId).toMatch(/^wamid\./);
    const status = { id: attempt.providerMessageId, recipient_id: recipient.slice(1), timestamp: String(Math.floor(Date.now() / 1000)), biz_opaque_callback_data: attempt.id };
    expect((await sendWhatsAppCallback(baseUrl(), tenant.credentials.whatsapp.appSecret, [{ ...status, status: "delivered" }])).status).toBe(200);
    expect((await sendWhatsAppCallback(baseUrl(), tenant.credentials.whatsapp.appSecret, [{ ...status, status: "sent" }])).status).toBe(200);
    expect(await deliveryOf(tenant.live, sent.body.id)).toMatchObject({ status: "delivered", channel: "whatsapp" });
    expect((await api("POST", "/api/v1/otp/verify", { key: tenant.live, body: { id: sent.body.id, code } })).body.valid).toBe(true);
  });

  it("fails permanently on Twilio's invalid-number error after one call", async () => {
    const tenant = await liveTenant();
    const recipient = randomMobile();
    await scriptResponses(recipient, [{ status: 400, body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 } }]);
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "sms" } });
    await eventually(async () => ((await deliveryOf(tenant.live, sent.body.id)).status === "failed" ? true : undefined));
    expect(await providerRequests(recipient)).toHaveLength(1);
    const prisma = await db();
    const attempts = await prisma.deliveryAttempt.findMany({ where: { verificationId: sent.body.id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: "failed", errorCode: "twilio_21211", retryable: false });
    expect(await logTypes(tenant.live, sent.body.id)).toContain("message.failed");
    expect((await prisma.verification.findUniqueOrThrow({ where: { id: sent.body.id } })).codeEncrypted).toBeNull();
  });

  it("retries a 503 with backoff and then sends once", async () => {
    const tenant = await liveTenant();
    const recipient = randomMobile();
    await scriptResponses(recipient, [{ status: 503, body: { code: 20500, message: "Service unavailable" } }]);
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "sms" } });
    await eventually(async () => ((await deliveryOf(tenant.live, sent.body.id)).status === "sent" ? true : undefined));
    const requests = await providerRequests(recipient);
    expect(requests.map((r) => r.answered)).toEqual([503, 201]);
    const prisma = await db();
    const attempts = await prisma.deliveryAttempt.findMany({ where: { verificationId: sent.body.id }, orderBy: { try: "asc" } });
    expect(attempts.map((a) => [a.try, a.status, a.retryable])).toEqual([
      [0, "failed", true],
      [1, "sent", null],
    ]);
    // The retry waited (backoff ≥ 1 s for the first retry).
    expect(new Date(requests[1]!.at).getTime() - new Date(requests[0]!.at).getTime()).toBeGreaterThanOrEqual(900);
  });

  it("posts to the tenant's own HTTP gateway, signed like webhooks, with the same webhook-id on a retry", async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const gateway = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        // The first try fails with a 503: the retry must carry the same webhook-id.
        res.writeHead(received.length === 1 ? 503 : 202, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ id: `gw-${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    try {
      const secret = `whsec_${randomBytes(24).toString("base64")}`;
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
      const tenant = await newTenant({ channels: ["sms"], providers: { http: { url, secret } } });
      const recipient = randomMobile();
      const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient } });
      expect(sent.body.delivery).toMatchObject({ status: "queued", provider: "http" });
      await eventually(async () => ((await deliveryOf(tenant.live, sent.body.id)).status === "sent" ? true : undefined));
      expect(received).toHaveLength(2);
      const verifier = new Webhook(secret);
      const payloads = received.map((r) => verifier.verify(r.body, r.headers as Record<string, string>) as any);
      expect(received[0]!.headers["webhook-id"]).toBe(received[1]!.headers["webhook-id"]);
      expect(payloads[1]).toMatchObject({ type: "message.send", data: { to: recipient, channel: "sms", verificationId: sent.body.id } });
      expect(() => new Webhook(`whsec_${randomBytes(24).toString("base64")}`).verify(received[1]!.body, received[1]!.headers as Record<string, string>)).toThrow();
      const verified = await api("POST", "/api/v1/otp/verify", { key: tenant.live, body: { id: sent.body.id, code: payloads[1].data.code } });
      expect(verified.body.valid).toBe(true);
      const prisma = await db();
      const attempt = await prisma.deliveryAttempt.findFirstOrThrow({ where: { verificationId: sent.body.id, status: "sent" } });
      expect(attempt.providerMessageId).toBe("gw-2");
    } finally {
      await new Promise((resolve) => gateway.close(resolve));
    }
  });

  it("answers 422 channel_unavailable for a live app without a provider for the channel", async () => {
    const tenant = await newTenant();
    expectProblem(await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient: randomMobile() } }), 422, "channel_unavailable");
    const smsOnly = await liveTenant({ channels: ["sms", "whatsapp"], providers: { whatsapp: null } });
    expectProblem(await api("POST", "/api/v1/otp/send", { key: smsOnly.live, body: { recipient: randomMobile(), channel: "whatsapp" } }), 422, "channel_unavailable");
  });
});
