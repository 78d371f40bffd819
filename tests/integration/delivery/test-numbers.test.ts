import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api } from "../../helpers/api";
import { eventually } from "../../helpers/providers/control";
import { newTenant, type TestTenant } from "../../helpers/tenant";

async function settled(tenant: TestTenant, id: string, status: string) {
  return eventually(async () => {
    const delivery = (await api("GET", `/api/v1/otp/${id}`, { key: tenant.test })).body.delivery;
    return delivery.status === status ? delivery : undefined;
  });
}

async function outbox(tenant: TestTenant, recipient: string) {
  return (await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}`, { key: tenant.test })).body.data;
}

// The documented magic numbers (README, /docs): test mode only, delivered through the queue.
describe("magic test numbers", { timeout: 60_000 }, () => {
  it("+61491570006 fails permanently", async () => {
    const tenant = await newTenant();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: "+61491570006" } });
    expect(sent.status).toBe(201);
    expect(sent.body.delivery.status).toBe("queued");
    await settled(tenant, sent.body.id, "failed");
    expect(await outbox(tenant, "+61491570006")).toEqual([]);
    const logs = await api("GET", `/api/v1/otp/logs?verificationId=${sent.body.id}&type=message.failed`, { key: tenant.test });
    expect(logs.body.data[0].data).toMatchObject({ errorCode: "test_number_failure" });
  });

  it("+61491570156 fails once, and the retry is delivered", async () => {
    const tenant = await newTenant();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: "+61491570156" } });
    await settled(tenant, sent.body.id, "delivered");
    expect(await outbox(tenant, "+61491570156")).toHaveLength(1);
    const prisma = await db();
    const attempts = await prisma.deliveryAttempt.findMany({ where: { verificationId: sent.body.id }, orderBy: { try: "asc" } });
    expect(attempts.map((a) => [a.try, a.status, a.errorCode])).toEqual([
      [0, "failed", "test_number_temporary_failure"],
      [1, "delivered", null],
    ]);
  });

  it("+61491570157 fails on the first channel; auto delivers on the next", async () => {
    const tenant = await newTenant({ channels: ["whatsapp", "sms"] });
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: "+61491570157", channel: "auto" } });
    const delivery = await settled(tenant, sent.body.id, "delivered");
    expect(delivery.channel).toBe("sms");
    const messages = await outbox(tenant, "+61491570157");
    expect(messages.map((m: { channel: string }) => m.channel)).toEqual(["sms"]);
  });

  it("+61491570158 is sent but never delivered; auto falls back after the receipt timeout with the same code", async () => {
    const tenant = await newTenant({ channels: ["whatsapp", "sms"] });
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: "+61491570158", channel: "auto" } });
    await settled(tenant, sent.body.id, "sent");
    const messages = await eventually(async () => {
      const list = await outbox(tenant, "+61491570158");
      return list.length === 2 ? list : undefined;
    });
    expect(messages.map((m: { channel: string }) => m.channel).sort()).toEqual(["sms", "whatsapp"]);
    const codes = messages.map((m: { body: string }) => /(\d{6})/.exec(m.body)![1]);
    expect(codes[0]).toBe(codes[1]);
    const delivery = await settled(tenant, sent.body.id, "sent");
    expect(delivery.channel).toBe("sms");
  });

  it("an ordinary number is delivered to the outbox by the send itself", async () => {
    const tenant = await newTenant();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: "+61491570999" } });
    expect(sent.body.delivery).toMatchObject({ status: "delivered", provider: "outbox" });
    expect(await outbox(tenant, "+61491570999")).toHaveLength(1);
  });
});
