import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, baseUrl, randomMobile } from "../../helpers/api";
import { eventually, providerRequests, scriptResponses, sendWhatsAppCallback } from "../../helpers/providers/control";
import type { RecordedRequest } from "../../helpers/providers/stand-in";
import { liveTenant } from "../../helpers/providers/live-tenant";

const codeIn = (request: RecordedRequest): string =>
  request.provider === "whatsapp" ? (request.body as any).template.components[0].parameters[0].text : /#(\d{6})\s*$/.exec(String(request.body.Body))![1]!;

async function requestsTo(recipient: string, count: number): Promise<RecordedRequest[]> {
  return eventually(async () => {
    const requests = await providerRequests(recipient);
    return requests.length >= count ? requests : undefined;
  });
}

async function delivery(key: { keyId: string; secret: string }, id: string) {
  return (await api("GET", `/api/v1/otp/${id}`, { key })).body.delivery;
}

// channel "auto" on an app whose order is WhatsApp, then SMS (the receipt timeout is 3 s in the tests).
describe("channel fallback", { timeout: 60_000 }, () => {
  it("sends by SMS once, with the same code, when WhatsApp refuses the message", async () => {
    const tenant = await liveTenant({ channels: ["whatsapp", "sms"] });
    const recipient = randomMobile();
    await scriptResponses(recipient, [{ status: 400, body: { error: { message: "Message undeliverable", type: "OAuthException", code: 131026 } } }]);
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "auto" } });
    expect(sent.body.delivery).toMatchObject({ status: "queued", channel: "whatsapp", provider: "whatsapp" });

    const [whatsapp, sms] = await requestsTo(recipient, 2);
    expect([whatsapp!.provider, sms!.provider]).toEqual(["whatsapp", "twilio"]);
    expect(codeIn(sms!)).toBe(codeIn(whatsapp!));
    await eventually(async () => ((await delivery(tenant.live, sent.body.id)).status === "sent" ? true : undefined));
    expect(await delivery(tenant.live, sent.body.id)).toMatchObject({ channel: "sms", provider: "twilio" });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await providerRequests(recipient)).toHaveLength(2);
    const verified = await api("POST", "/api/v1/otp/verify", { key: tenant.live, body: { id: sent.body.id, code: codeIn(sms!) } });
    expect(verified.body.valid).toBe(true);
  });

  it("falls back on a failure receipt from WhatsApp", async () => {
    const tenant = await liveTenant({ channels: ["whatsapp", "sms"] });
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "auto" } });
    const [whatsapp] = await requestsTo(recipient, 1);
    const prisma = await db();
    const attempt = await eventually(async () => (await prisma.deliveryAttempt.findFirst({ where: { verificationId: sent.body.id, status: "sent" } })) ?? undefined);
    const failed = await sendWhatsAppCallback(baseUrl(), tenant.credentials.whatsapp.appSecret, [
      { id: attempt.providerMessageId, status: "failed", timestamp: "1700000000", recipient_id: recipient.slice(1), biz_opaque_callback_data: attempt.id, errors: [{ code: 131026, title: "Message undeliverable" }] },
    ]);
    expect(failed.status).toBe(200);
    const [, sms] = await requestsTo(recipient, 2);
    expect(sms!.provider).toBe("twilio");
    expect(codeIn(sms!)).toBe(codeIn(whatsapp!));
    const stored = await prisma.deliveryAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored).toMatchObject({ status: "failed", errorCode: "whatsapp_131026" });
    const logs = await api("GET", `/api/v1/otp/logs?verificationId=${sent.body.id}&type=message.failed`, { key: tenant.live });
    expect(logs.body.data[0].data).toMatchObject({ channel: "whatsapp", fallbackChannel: "sms" });
  });

  it("falls back when no receipt comes in time, and a late receipt from the first channel sends nothing more", async () => {
    const tenant = await liveTenant({ channels: ["whatsapp", "sms"] });
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "auto" } });
    const [whatsapp] = await requestsTo(recipient, 1);
    await eventually(async () => ((await delivery(tenant.live, sent.body.id)).status === "sent" ? true : undefined));
    const startedAt = Date.now();
    const [, sms] = await requestsTo(recipient, 2);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(codeIn(sms!)).toBe(codeIn(whatsapp!));

    const prisma = await db();
    const first = await prisma.deliveryAttempt.findFirstOrThrow({ where: { verificationId: sent.body.id, channel: "whatsapp" } });
    await sendWhatsAppCallback(baseUrl(), tenant.credentials.whatsapp.appSecret, [
      { id: first.providerMessageId, status: "delivered", timestamp: "1700000000", recipient_id: recipient.slice(1), biz_opaque_callback_data: first.id },
    ]);
    await eventually(async () => ((await delivery(tenant.live, sent.body.id)).status === "delivered" ? true : undefined));
    expect(await delivery(tenant.live, sent.body.id)).toMatchObject({ status: "delivered", channel: "whatsapp" });
    // Longer than another receipt timeout: still one message per channel.
    await new Promise((r) => setTimeout(r, 4000));
    expect((await providerRequests(recipient)).map((r) => r.provider)).toEqual(["whatsapp", "twilio"]);
    expect((await prisma.verification.findUniqueOrThrow({ where: { id: sent.body.id } })).codeEncrypted).toBeNull();
  });

  it("does not fall back for a named channel", async () => {
    const tenant = await liveTenant({ channels: ["whatsapp", "sms"] });
    const recipient = randomMobile();
    await scriptResponses(recipient, [{ status: 400, body: { error: { message: "Message undeliverable", code: 131026 } } }]);
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient, channel: "whatsapp" } });
    await eventually(async () => ((await delivery(tenant.live, sent.body.id)).status === "failed" ? true : undefined));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await providerRequests(recipient)).toHaveLength(1);
  });
});
