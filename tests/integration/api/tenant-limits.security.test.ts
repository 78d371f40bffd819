import { describe, expect, it } from "vitest";
import { createApp } from "@/lib/apps/create-app";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/keys/create-api-key";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

/** Issue 8 item 7: tenant-wide limits are tenant settings (CONTRACT §5), not per-app ones. */
describe("GET/PATCH /api/v1/tenant", () => {
  it("reads the defaults with any key and changes them with an unrestricted live key only", async () => {
    const t = await newTenant();
    const read = await api("GET", "/api/v1/tenant", { key: t.test });
    expect(read.status, read.text).toBe(200);
    expect(read.body).toEqual({ id: t.tenantId, name: expect.any(String), rateLimits: { sendsPerDay: 10_000, requestsPerKeyPerSecond: 100 } });

    const body = { rateLimits: { sendsPerDay: 500 } };
    expectProblem(await api("PATCH", "/api/v1/tenant", { key: t.test, body }), 403, "forbidden");
    const restricted = await createApiKey(await db(), { tenantId: t.tenantId, mode: "live", appIds: [t.appId] });
    expectProblem(await api("PATCH", "/api/v1/tenant", { key: restricted, body }), 403, "forbidden");
    const patched = await api("PATCH", "/api/v1/tenant", { key: t.live, body });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.rateLimits).toEqual({ sendsPerDay: 500, requestsPerKeyPerSecond: 100 });
    expect((await api("GET", "/api/v1/tenant", { key: t.live })).body.rateLimits.sendsPerDay).toBe(500);
  });

  it("validates the body", async () => {
    const t = await newTenant();
    for (const body of [{ rateLimits: { sendsPerDay: 0 } }, { rateLimits: { requestsPerKeyPerSecond: "x" } }, { rateLimits: { other: 1 } }, { name: "x" }]) {
      expectProblem(await api("PATCH", "/api/v1/tenant", { key: t.live, body }), 400, "invalid_request");
    }
  });

  it("the tenant-wide settings are no longer app settings", async () => {
    const t = await newTenant();
    for (const rateLimits of [{ sendsPerTenantPerDay: 100_000_000 }, { requestsPerKeyPerSecond: 100_000 }]) {
      expectProblem(await api("PATCH", `/api/v1/apps/${t.appId}`, { key: t.live, body: { rateLimits } }), 400, "invalid_request");
    }
  });
});

describe("the tenant's caps apply across its apps", () => {
  it("sendsPerDay counts every app's sends together: a second app gets no cap of its own", async () => {
    const t = await newTenant();
    const second = await createApp(t.tenantId, { name: "second" });
    expect((await api("PATCH", "/api/v1/tenant", { key: t.live, body: { rateLimits: { sendsPerDay: 2 } } })).status).toBe(200);
    const send = (appId: string) => api("POST", "/api/v1/otp/send", { key: t.test, body: { appId, recipient: randomMobile() } });
    expect((await send(t.appId)).status).toBe(201);
    expect((await send(second.id)).status).toBe(201);
    const third = expectProblem(await send(second.id), 429, "rate_limited");
    expect(third.limit).toBe("sendsPerTenantPerDay");
    expectProblem(await send(t.appId), 429, "rate_limited");
  });

  it("requestsPerKeyPerSecond applies also when the tenant has several apps", async () => {
    const t = await newTenant();
    await createApp(t.tenantId, { name: "second" });
    expect((await api("PATCH", "/api/v1/tenant", { key: t.live, body: { rateLimits: { requestsPerKeyPerSecond: 2 } } })).status).toBe(200);
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 12 }, () => api("GET", "/api/v1/apps", { key: t.test })));
    const windows = Math.floor(Date.now() / 1000) - Math.floor(started / 1000) + 1;
    expect(responses.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(1);
    expect(responses.filter((r) => r.status === 200).length).toBeLessThanOrEqual(2 * windows);
  });
});
