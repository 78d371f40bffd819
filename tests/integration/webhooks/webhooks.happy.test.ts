import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, readCode, type TestTenant } from "../../helpers/tenant";
import { startReceiver, waitFor } from "./receiver";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let tenant: TestTenant;

beforeAll(async () => {
  receiver = await startReceiver();
  tenant = await newTenant();
});
afterAll(() => receiver.close());

describe("webhook delivery", () => {
  it("POSTs every verification event, signed per Standard Webhooks, with the verification object", async () => {
    const patched = await api("PATCH", `/api/v1/apps/${tenant.appId}`, { key: tenant.live, body: { webhookUrl: receiver.url } });
    expect(patched.status, patched.text).toBe(200);
    const { secret } = (await api("GET", `/api/v1/apps/${tenant.appId}/webhook-secret`, { key: tenant.live })).body;
    expect(secret).toMatch(/^whsec_/);

    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient } });
    expect(sent.status, sent.text).toBe(201);
    const verified = await api("POST", "/api/v1/otp/verify", { key: tenant.test, body: { id: sent.body.id, code: await readCode(tenant.test, recipient) } });
    expect(verified.status, verified.text).toBe(200);

    const ours = () => receiver.received.filter((r) => JSON.parse(r.body).data.verification.id === sent.body.id);
    await waitFor(() => ours().length >= 4, "four webhooks");
    const events = ours().map((r) => ({ request: r, payload: new Webhook(secret).verify(r.body, r.headers) as any }));
    expect(events.map((e) => e.payload.type).sort()).toEqual(["message.delivered", "message.sent", "verification.approved", "verification.created"]);

    for (const { request, payload } of events) {
      expect(Object.keys(payload)).toEqual(["type", "timestamp", "data"]);
      expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
      expect(request.headers["webhook-id"]).toMatch(/^evt_/);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
      expect(payload.data.verification).toMatchObject({ id: sent.body.id, appId: tenant.appId, recipient, channel: "sms" });
      expect(payload.data.verification).not.toHaveProperty("code");
      expect(request.body).not.toContain(await readCode(tenant.test, recipient));
    }
    const approved = events.find((e) => e.payload.type === "verification.approved")!.payload;
    expect(approved.data.verification).toMatchObject({ status: "approved", attempts: 0 });
    expect(approved.data.verification.verifiedAt).toEqual(expect.any(String));
    const created = events.find((e) => e.payload.type === "verification.created")!.payload;
    expect(created.data.verification.status).toBe("pending");

    // The console's list shows them delivered, with the same webhook ids.
    const list = await waitFor(async () => {
      const page = await api("GET", `/api/v1/apps/${tenant.appId}/webhook-deliveries?limit=100`, { key: tenant.test });
      return page.body.data.filter((d: any) => d.status === "delivered").length >= 4 ? page : null;
    }, "deliveries marked delivered");
    const ids = new Set(events.map((e) => e.request.headers["webhook-id"]));
    const rows = list.body.data.filter((d: any) => ids.has(d.webhookId));
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
      expect(row.id).toMatch(/^whd_/);
      expect(row.deliveredAt).toEqual(expect.any(String));
      expect(row.createdAt).toEqual(expect.any(String));
    }
  });

  it("sends nothing for an app without a webhook URL", async () => {
    const plain = await newTenant();
    const before = receiver.received.length;
    const sent = await api("POST", "/api/v1/otp/send", { key: plain.test, body: { recipient: randomMobile() } });
    expect(sent.status).toBe(201);
    const list = await api("GET", `/api/v1/apps/${plain.appId}/webhook-deliveries`, { key: plain.test });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ data: [], nextCursor: null });
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.length).toBe(before);
  });
});
