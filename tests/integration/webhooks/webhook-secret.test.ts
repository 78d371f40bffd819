import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { createApp } from "@/lib/apps/create-app";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/keys/create-api-key";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";
import { startReceiver, waitFor } from "./receiver";

let tenant: TestTenant;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
  tenant = await newTenant();
  expect((await api("PATCH", `/api/v1/apps/${tenant.appId}`, { key: tenant.live, body: { webhookUrl: receiver.url } })).status).toBe(200);
});
afterAll(() => receiver.close());

const path = () => `/api/v1/apps/${tenant.appId}/webhook-secret`;

describe("webhook secret", () => {
  it("is created on the first read and stays the same", async () => {
    const first = await api("GET", path(), { key: tenant.live });
    expect(first.status).toBe(200);
    expect(first.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect((await api("GET", path(), { key: tenant.live })).body.secret).toBe(first.body.secret);
  });

  it("rolls: the new secret signs, and the old one also signs for 24 hours", async () => {
    const old = (await api("GET", path(), { key: tenant.live })).body.secret;
    const rolled = await api("POST", path(), { key: tenant.live });
    expect(rolled.status, rolled.text).toBe(200);
    expect(rolled.body.secret).toMatch(/^whsec_/);
    expect(rolled.body.secret).not.toBe(old);
    const grace = new Date(rolled.body.previousSecretExpiresAt).getTime() - Date.now();
    expect(grace).toBeGreaterThan(23.9 * 3600_000);
    expect(grace).toBeLessThanOrEqual(24 * 3600_000);
    expect((await api("GET", path(), { key: tenant.live })).body.secret).toBe(rolled.body.secret);

    const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: randomMobile() } });
    const request = await waitFor(() => receiver.received.find((r) => JSON.parse(r.body).data.verification.id === sent.body.id), "a webhook");
    expect(request.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(rolled.body.secret).verify(request.body, request.headers)).toBeTruthy();
    expect(new Webhook(old).verify(request.body, request.headers)).toBeTruthy();
  });

  it("is scoped: another tenant's app answers 404, a key for other apps 403, other methods 405", async () => {
    const other = await newTenant();
    expectProblem(await api("GET", path(), { key: other.live }), 404, "not_found");
    expectProblem(await api("POST", path(), { key: other.live }), 404, "not_found");
    expectProblem(await api("GET", "/api/v1/apps/app_nope/webhook-secret", { key: tenant.test }), 404, "not_found");
    const secondApp = await createApp(tenant.tenantId, { name: "second" });
    const restricted = await createApiKey(await db(), { tenantId: tenant.tenantId, mode: "live", appIds: [secondApp.id] });
    expectProblem(await api("GET", path(), { key: restricted }), 403, "forbidden");
    expectProblem(await api("DELETE", path(), { key: tenant.test }), 405, "method_not_allowed");
    expect(await api("GET", path())).toMatchObject({ status: 401 });
  });
});

describe("webhook deliveries list", () => {
  it("pages newest first with a cursor and filters by status", async () => {
    const deliveries = `/api/v1/apps/${tenant.appId}/webhook-deliveries`;
    await waitFor(async () => (await api("GET", `${deliveries}?limit=100`, { key: tenant.test })).body.data.length >= 3, "deliveries");
    const all = (await api("GET", `${deliveries}?limit=100`, { key: tenant.test })).body.data;
    const first = await api("GET", `${deliveries}?limit=2`, { key: tenant.test });
    expect(first.body.data.map((d: any) => d.id)).toEqual(all.slice(0, 2).map((d: any) => d.id));
    expect(first.body.nextCursor).toBe(all[1].id);
    const second = await api("GET", `${deliveries}?limit=2&cursor=${first.body.nextCursor}`, { key: tenant.test });
    expect(second.body.data[0].id).toBe(all[2].id);
    expect(Object.keys(all[0]).sort()).toEqual(
      ["id", "webhookId", "eventType", "status", "attempts", "lastStatusCode", "lastError", "nextAttemptAt", "lastAttemptAt", "deliveredAt", "createdAt"].sort(),
    );
    await waitFor(async () => (await api("GET", `${deliveries}?status=pending`, { key: tenant.test })).body.data.length === 0, "all delivered");
    expect((await api("GET", `${deliveries}?status=delivered&limit=100`, { key: tenant.test })).body.data.length).toBe(all.length);
    expectProblem(await api("GET", `${deliveries}?status=lost`, { key: tenant.test }), 400, "invalid_request");
    expectProblem(await api("GET", `${deliveries}?limit=0`, { key: tenant.test }), 400, "invalid_request");
    expectProblem(await api("POST", deliveries, { key: tenant.test }), 405, "method_not_allowed");
    expectProblem(await api("GET", deliveries, { key: (await newTenant()).test }), 404, "not_found");
  });
});
