import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@/lib/apps/create-app";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/keys/create-api-key";
import { api, expectProblem, randomMobile, type Credential } from "../../helpers/api";
import { liveTenant } from "../../helpers/providers/live-tenant";
import { newTenant, readCode, type TestTenant } from "../../helpers/tenant";

/**
 * Test and live are walled off (CONTRACT §4b, issue 8 item 1): a key sees and acts only on its own
 * mode's verifications, events and idempotency records; another mode's id answers 404 like another
 * tenant's; providers, exposeCode, webhookUrl and the webhook secret need a live key.
 */
async function restrictedKey(tenantId: string, appIds: string[]): Promise<Credential> {
  const prisma = await db();
  return createApiKey(prisma, { tenantId, mode: "test", appIds });
}

let t: TestTenant;
let liveId: string;
let liveRecipient: string;

beforeAll(async () => {
  t = await liveTenant();
  liveRecipient = randomMobile();
  const sent = await api("POST", "/api/v1/otp/send", { key: t.live, body: { recipient: liveRecipient } });
  expect(sent.status, sent.text).toBe(201);
  liveId = sent.body.id;
});

describe("a test key cannot see or act on live verifications", () => {
  it("resend, verify, cancel, status, read and attempts of a live id answer 404", async () => {
    expectProblem(await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id: liveId } }), 404, "not_found");
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: liveId, code: "123456" } }), 404, "not_found");
    expectProblem(await api("POST", "/api/v1/otp/cancel", { key: t.test, body: { id: liveId } }), 404, "not_found");
    expectProblem(await api("GET", `/api/v1/otp/${liveId}`, { key: t.test }), 404, "not_found");
    expectProblem(await api("GET", `/api/v1/otp/status?id=${liveId}`, { key: t.test }), 404, "not_found");
    expectProblem(await api("GET", `/api/v1/otp/attempts?id=${liveId}`, { key: t.test }), 404, "not_found");
    expectProblem(await api("GET", `/api/v1/otp/logs?verificationId=${liveId}`, { key: t.test }), 404, "not_found");
    // Nothing happened to it: still pending, no attempt counted, one send.
    const live = await api("GET", `/api/v1/otp/${liveId}`, { key: t.live });
    expect(live.body).toMatchObject({ status: "pending", attempts: 0, sendCount: 1 });
  });

  it("verify by recipient with a test key does not find the live verification", async () => {
    expectProblem(
      await api("POST", "/api/v1/otp/verify", { key: t.test, body: { recipient: liveRecipient, code: "123456" } }),
      404,
      "not_found",
    );
  });

  it("a test send to the same number leaves the live verification pending (and the reverse)", async () => {
    const recipient = randomMobile();
    const live = await api("POST", "/api/v1/otp/send", { key: t.live, body: { recipient } });
    expect(live.status, live.text).toBe(201);
    const test = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    expect(test.status, test.text).toBe(201);
    expect((await api("GET", `/api/v1/otp/${live.body.id}`, { key: t.live })).body.status).toBe("pending");
    // The test code approves the test verification only.
    const code = await readCode(t.test, recipient);
    const verified = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { recipient, code } });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body.verification.id).toBe(test.body.id);
    expect((await api("GET", `/api/v1/otp/${live.body.id}`, { key: t.live })).body.status).toBe("pending");
  });

  it("lists and logs show only the key's own mode", async () => {
    const testList = await api("GET", "/api/v1/otp/list?limit=100", { key: t.test });
    expect(testList.body.data.length).toBeGreaterThan(0);
    expect(testList.body.data.every((v: { mode: string }) => v.mode === "test")).toBe(true);
    expect(testList.body.data.map((v: { id: string }) => v.id)).not.toContain(liveId);
    const liveList = await api("GET", "/api/v1/otp/list?limit=100", { key: t.live });
    expect(liveList.body.data.map((v: { id: string }) => v.id)).toContain(liveId);
    expect(liveList.body.data.every((v: { mode: string }) => v.mode === "live")).toBe(true);

    const logs = await api("GET", "/api/v1/otp/logs?limit=100", { key: t.test });
    const ids = new Set(testList.body.data.map((v: { id: string }) => v.id));
    expect(logs.body.data.every((e: { verificationId: string | null }) => e.verificationId === null || ids.has(e.verificationId))).toBe(true);
    expect(logs.body.data.map((e: { verificationId: string | null }) => e.verificationId)).not.toContain(liveId);
  });

  it("reports count only the key's own mode (the rollups are kept per mode)", async () => {
    const own = await liveTenant();
    const report = async (key: Credential) => {
      const answer = await api("GET", "/api/v1/otp/reports", { key });
      expect(answer.status, answer.text).toBe(200);
      return answer.body.totals as { sent: number; approved: number };
    };
    // Two live sends; three test sends, one of them approved.
    for (let i = 0; i < 2; i++)
      expect((await api("POST", "/api/v1/otp/send", { key: own.live, body: { recipient: randomMobile() } })).status).toBe(201);
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: own.test, body: { recipient } });
    expect(sent.status, sent.text).toBe(201);
    const code = await readCode(own.test, recipient);
    expect((await api("POST", "/api/v1/otp/verify", { key: own.test, body: { id: sent.body.id, code } })).status).toBe(200);
    for (let i = 0; i < 2; i++)
      expect((await api("POST", "/api/v1/otp/send", { key: own.test, body: { recipient: randomMobile() } })).status).toBe(201);

    expect(await report(own.live)).toMatchObject({ sent: 2, approved: 0 });
    expect(await report(own.test)).toMatchObject({ sent: 3, approved: 1 });
  });
});

describe("live-only app settings", () => {
  it.each([
    ["providers", { providers: { http: null } }],
    ["exposeCode", { exposeCode: true }],
    ["webhookUrl", { webhookUrl: "https://example.com/hook" }],
  ])("a test key changing %s → 403 forbidden, nothing changed", async (_name, body) => {
    const tenant = await newTenant();
    const before = await api("GET", `/api/v1/apps/${tenant.appId}`, { key: tenant.live });
    expectProblem(await api("PATCH", `/api/v1/apps/${tenant.appId}`, { key: tenant.test, body }), 403, "forbidden");
    expectProblem(await api("POST", "/api/v1/apps", { key: tenant.test, body: { name: "x", ...body } }), 403, "forbidden");
    expect((await api("GET", `/api/v1/apps/${tenant.appId}`, { key: tenant.live })).body).toEqual(before.body);
    expect((await api("PATCH", `/api/v1/apps/${tenant.appId}`, { key: tenant.live, body })).status).toBe(200);
  });

  it("a test key may still change the other settings", async () => {
    const tenant = await newTenant();
    const patched = await api("PATCH", `/api/v1/apps/${tenant.appId}`, {
      key: tenant.test,
      body: { name: "renamed", ttl: 300, codeLength: 8, rateLimits: { sendsPerRecipient: 7 } },
    });
    expect(patched.status, patched.text).toBe(200);
  });

  it("the webhook secret is read and rolled with a live key only", async () => {
    const tenant = await newTenant();
    const path = `/api/v1/apps/${tenant.appId}/webhook-secret`;
    expectProblem(await api("GET", path, { key: tenant.test }), 403, "forbidden");
    expectProblem(await api("POST", path, { key: tenant.test }), 403, "forbidden");
    expect((await api("GET", path, { key: tenant.live })).body.secret).toMatch(/^whsec_/);
    // Another tenant's app stays 404 whatever the mode.
    const other = await newTenant();
    expectProblem(await api("GET", `/api/v1/apps/${other.appId}/webhook-secret`, { key: tenant.live }), 404, "not_found");
  });
});

describe("the outbox honours the key's app restriction (item 3)", () => {
  it("a key restricted to app B lists none of app A's messages", async () => {
    const tenant = await newTenant();
    const appB = await createApp(tenant.tenantId, { name: "B" });
    const restricted = await restrictedKey(tenant.tenantId, [appB.id]);
    const toA = randomMobile();
    const sentA = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { appId: tenant.appId, recipient: toA } });
    expect(sentA.status, sentA.text).toBe(201);
    const toB = randomMobile();
    expect((await api("POST", "/api/v1/otp/send", { key: restricted, body: { appId: appB.id, recipient: toB } })).status).toBe(201);

    const outbox = await api("GET", "/api/v1/outbox?limit=100", { key: restricted });
    expect(outbox.status, outbox.text).toBe(200);
    expect(outbox.body.data.map((m: { to: string }) => m.to)).toEqual([toB]);
    const filtered = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(toA)}`, { key: restricted });
    expect(filtered.body.data).toEqual([]);
  });
});

describe("idempotency records (items 5 and 6)", () => {
  it("a replayed exposeCode send omits the code, and no stored record holds it", async () => {
    const tenant = await newTenant();
    await api("PATCH", `/api/v1/apps/${tenant.appId}`, { key: tenant.live, body: { exposeCode: true } });
    const headers = { "Idempotency-Key": `k-${Math.random()}` };
    const recipient = randomMobile();
    const first = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient }, headers });
    expect(first.status, first.text).toBe(201);
    expect(first.body.code).toMatch(/^\d{6}$/);
    const prisma = await db();
    const records = await prisma.idempotencyRecord.findMany({ where: { tenantId: tenant.tenantId } });
    expect(records).toHaveLength(1);
    expect(JSON.stringify(records[0])).not.toContain(first.body.code);
    const replay = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient }, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const { code: _code, ...rest } = first.body;
    expect(replay.body).toEqual(rest);
  });

  it("a live key does not replay a test key's record (and sends)", async () => {
    const tenant = await liveTenant();
    const headers = { "Idempotency-Key": `k-${Math.random()}` };
    const recipient = randomMobile();
    const test = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient }, headers });
    expect(test.body.delivery.provider).toBe("outbox");
    const live = await api("POST", "/api/v1/otp/send", { key: tenant.live, body: { recipient }, headers });
    expect(live.status, live.text).toBe(201);
    expect(live.headers.get("idempotent-replayed")).toBeNull();
    expect(live.body.mode).toBe("live");
    expect(live.body.id).not.toBe(test.body.id);
  });

  it("another key of the tenant does not replay a restricted app's response", async () => {
    const tenant = await newTenant();
    const appB = await createApp(tenant.tenantId, { name: "B" });
    const keyA = await restrictedKey(tenant.tenantId, [tenant.appId]);
    const headers = { "Idempotency-Key": `k-${Math.random()}` };
    const recipient = randomMobile();
    const first = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { appId: appB.id, recipient }, headers });
    expect(first.status).toBe(201);
    // Same Idempotency-Key and body from a key restricted to app A: its own request, refused for app B.
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: keyA, body: { appId: appB.id, recipient }, headers }),
      403,
      "forbidden",
    );
  });
});
