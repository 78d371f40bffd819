import { describe, expect, it } from "vitest";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, readCode } from "../../helpers/tenant";

describe("POST /api/v1/otp/send", () => {
  it("starts a verification and delivers the code to the outbox in test mode", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const before = Date.now();
    const response = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient, externalId: "user-42", metadata: { plan: "pro" } } });
    expect(response.status, response.text).toBe(201);
    const v = response.body;
    expect(v).toMatchObject({
      appId: t.appId,
      recipient,
      channel: "sms",
      status: "pending",
      attempts: 0,
      maxAttempts: 5,
      sendCount: 1,
      verifiedAt: null,
      isNewRecipient: true,
      externalId: "user-42",
      metadata: { plan: "pro" },
      delivery: { status: "delivered", channel: "sms", provider: "outbox" },
    });
    expect(v.id).toMatch(/^ver_[0-9a-z]{26}$/);
    expect(v.code).toBeUndefined();
    const expiresIn = Date.parse(v.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(590_000);
    expect(expiresIn).toBeLessThan(610_000);
    const resendIn = Date.parse(v.resendAvailableAt) - before;
    expect(resendIn).toBeGreaterThan(25_000);
    expect(resendIn).toBeLessThan(35_000);

    const outbox = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}`, { key: t.test });
    expect(outbox.body.data).toHaveLength(1);
    expect(outbox.body.data[0]).toMatchObject({ to: recipient, channel: "sms", verificationId: v.id });
    expect(await readCode(t.test, recipient)).toMatch(/^\d{6}$/);
  });

  it("normalises every spelling of a number to E.164, including phoneNumber/mobileNumber + countryCode", async () => {
    const t = await newTenant();
    const spellings = [
      { recipient: "+55 (11) 98765-4321" },
      { recipient: "+55.11.98765.4321" },
      { phoneNumber: "11 98765 4321", countryCode: "+55" },
      { mobileNumber: "11987654321", countryCode: "55" },
      { phoneNumber: "(11) 98765-4321", countryCode: "br" },
    ];
    for (const spelling of spellings) {
      const response = await api("POST", "/api/v1/otp/send", { key: t.test, body: spelling });
      expect(response.status, response.text).toBe(201);
      expect(response.body.recipient).toBe("+5511987654321");
    }
  });

  it("honours codeLength, alphabet and ttl", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const response = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: { recipient, codeLength: 8, alphabet: "alphanumeric", ttl: 120 },
    });
    expect(response.status, response.text).toBe(201);
    expect(Date.parse(response.body.expiresAt) - Date.parse(response.body.createdAt)).toBe(120_000);
    const code = await readCode(t.test, recipient);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(code).not.toMatch(/[01OIL]/);
  });

  it("a new send to the same recipient cancels the pending verification and its code", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const first = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    const firstCode = await readCode(t.test, recipient);
    const second = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    const old = await api("GET", `/api/v1/otp/${first.body.id}`, { key: t.test });
    expect(old.body.status).toBe("canceled");
    const oldVerify = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: first.body.id, code: firstCode } });
    expect(oldVerify.status).toBe(410);
    expect(oldVerify.body.code).toBe("canceled");
  });

  it("isNewRecipient turns false once the recipient has been approved for this tenant", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const first = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    expect(first.body.isNewRecipient).toBe(true);
    const code = await readCode(t.test, recipient);
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: first.body.id, code } })).status).toBe(200);
    const again = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    expect(again.body.isNewRecipient).toBe(false);
    // Another tenant has never approved that number.
    const other = await newTenant();
    const elsewhere = await api("POST", "/api/v1/otp/send", { key: other.test, body: { recipient } });
    expect(elsewhere.body.isNewRecipient).toBe(true);
  });

  it("returns the code only when the app's exposeCode is on", async () => {
    const t = await newTenant({ exposeCode: true });
    const recipient = randomMobile();
    const response = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    expect(response.body.code).toMatch(/^\d{6}$/);
    expect(response.body.code).toBe(await readCode(t.test, recipient));
  });

  it("uses the app's settings (channels, code length, ttl) changed at run time", async () => {
    const t = await newTenant();
    const patched = await api("PATCH", `/api/v1/apps/${t.appId}`, {
      key: t.test,
      body: { channels: ["whatsapp", "sms"], codeLength: 4, ttl: 300, maxAttempts: 3 },
    });
    expect(patched.status, patched.text).toBe(200);
    const recipient = randomMobile();
    const response = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    expect(response.body).toMatchObject({ channel: "whatsapp", maxAttempts: 3 });
    expect(Date.parse(response.body.expiresAt) - Date.parse(response.body.createdAt)).toBe(300_000);
    const outbox = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}`, { key: t.test });
    expect(outbox.body.data[0].channel).toBe("whatsapp");
    expect(outbox.body.data[0].body).toMatch(/\b\d{4}\b/);
  });
});
