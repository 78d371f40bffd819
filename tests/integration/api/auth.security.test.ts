import { describe, expect, it, beforeAll } from "vitest";
import { db } from "@/lib/db/client";
import { announceConfigChange } from "@/lib/keys/config-version";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { generateKeyString } from "@/lib/keys/secret-format";
import { api, authHeaders, expectProblem, randomMobile, type AuthForm } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";

/**
 * Shared tests every authenticated route passes (CONTRACT §1): each header form authenticates;
 * missing, malformed, unknown, revoked, expired and publishable credentials answer the same 401;
 * another tenant's ids answer 404; a key restricted to other apps answers 403.
 */
type Route = { name: string; method: string; path: (t: TestTenant, verificationId: string) => string; body?: (t: TestTenant, verificationId: string) => unknown };

const routes: Route[] = [
  { name: "send", method: "POST", path: () => "/api/v1/otp/send", body: () => ({ recipient: randomMobile() }) },
  { name: "verify", method: "POST", path: () => "/api/v1/otp/verify", body: (_, id) => ({ id, code: "000000" }) },
  { name: "resend", method: "POST", path: () => "/api/v1/otp/resend", body: (_, id) => ({ id }) },
  { name: "cancel", method: "POST", path: () => "/api/v1/otp/cancel", body: (_, id) => ({ id }) },
  { name: "status", method: "GET", path: (_, id) => `/api/v1/otp/status?id=${id}` },
  { name: "get by id", method: "GET", path: (_, id) => `/api/v1/otp/${id}` },
  { name: "apps list", method: "GET", path: () => "/api/v1/apps" },
  { name: "app read", method: "GET", path: (t) => `/api/v1/apps/${t.appId}` },
  { name: "app update", method: "PATCH", path: (t) => `/api/v1/apps/${t.appId}`, body: () => ({ name: "renamed" }) },
  { name: "outbox", method: "GET", path: () => "/api/v1/outbox" },
];

/** Same shape, wrong checksum. */
const flipLast = (secret: string) => secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");

/** A freshly generated key string: valid shape and checksum, but no such key in the database. */
function unknownButWellFormed(secret: string): string {
  return generateKeyString("secret", secret.includes("_live_") ? "live" : "test");
}

let tenant: TestTenant;
let other: TestTenant;
let verificationId: string;

beforeAll(async () => {
  tenant = await newTenant();
  other = await newTenant();
  const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: randomMobile() } });
  expect(sent.status).toBe(201);
  verificationId = sent.body.id;
});

describe.each(routes)("$name", (route) => {
  const call = (headers: Record<string, string>) =>
    api(route.method, route.path(tenant, verificationId), {
      body: route.body?.(tenant, verificationId),
      headers,
    });

  it.each<AuthForm>(["bearer", "pair", "basic", "single"])("authenticates with the %s form", async (form) => {
    const response = await call(authHeaders(tenant.test, form));
    expect(response.status, response.text).not.toBe(401);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
  });

  const badCredentials: Array<[string, () => Record<string, string>]> = [
    ["no credential", () => ({})],
    ["a malformed key", () => ({ Authorization: "Bearer nope" })],
    ["a key with a bad checksum", () => ({ Authorization: `Bearer ${flipLast(tenant.test.secret)}` })],
    ["an unknown key of the right shape", () => ({ "X-API-Key": unknownButWellFormed(tenant.test.secret) })],
    ["a publishable key", () => ({ Authorization: `Bearer ${tenant.publishableKeys.test}` })],
    ["a key id that does not match the secret", () => ({ "X-API-Key": other.test.keyId, "X-API-Secret": tenant.test.secret })],
  ];

  it.each(badCredentials)("answers 401 for %s", async (_, headers) => {
    const response = await call(headers());
    const problem = expectProblem(response, 401, "unauthorized");
    expect(problem.detail).not.toMatch(/revoked|expired|checksum|unknown/i);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    // Every /api/v1 response carries the rate-limit headers, errors without a key included.
    expect(response.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
    expect(response.headers.get("ratelimit-reset")).toMatch(/^\d+$/);
  });
});

describe("key lifecycle", () => {
  it("refuses a revoked key on the next request, also when the server has it cached", async () => {
    const t = await newTenant();
    // Three requests: read, confirmed under the tenant's version, then served from the cache.
    for (let i = 0; i < 3; i++) expect((await api("GET", "/api/v1/apps", { key: t.test })).status).toBe(200);
    // Revoked by this test process: another instance, as far as the server is concerned.
    expect(await revokeApiKey(t.test.keyId)).toBe(true);
    expectProblem(await api("GET", "/api/v1/apps", { key: t.test }), 401, "unauthorized");
  });

  it("refuses an expired key and accepts one that expires later", async () => {
    const t = await newTenant();
    const prisma = await db();
    await prisma.apiKey.update({ where: { id: t.test.keyId }, data: { expiresAt: new Date(Date.now() + 60_000) } });
    expect((await api("GET", "/api/v1/apps", { key: t.test })).status).toBe(200);
    await prisma.apiKey.update({ where: { id: t.test.keyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await announceConfigChange(t.tenantId); // a change made straight in the database announces itself like the product's
    expectProblem(await api("GET", "/api/v1/apps", { key: t.test }), 401, "unauthorized");
  });
});

describe("tenant isolation", () => {
  it.each([
    ["status", "GET", (id: string) => `/api/v1/otp/status?id=${id}`, undefined],
    ["get by id", "GET", (id: string) => `/api/v1/otp/${id}`, undefined],
    ["verify", "POST", () => "/api/v1/otp/verify", (id: string) => ({ id, code: "123456" })],
    ["resend", "POST", () => "/api/v1/otp/resend", (id: string) => ({ id })],
    ["cancel", "POST", () => "/api/v1/otp/cancel", (id: string) => ({ id })],
  ] as const)("another tenant's verification id answers 404 on %s", async (_, method, path, body) => {
    const response = await api(method, path(verificationId), { key: other.test, body: body?.(verificationId) });
    expectProblem(response, 404, "not_found");
  });

  it("another tenant's app answers 404 and is not listed", async () => {
    expectProblem(await api("GET", `/api/v1/apps/${tenant.appId}`, { key: other.test }), 404, "not_found");
    expectProblem(await api("PATCH", `/api/v1/apps/${tenant.appId}`, { key: other.test, body: { name: "x" } }), 404, "not_found");
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: other.test, body: { appId: tenant.appId, recipient: randomMobile() } }),
      404,
      "not_found",
    );
    const list = await api("GET", "/api/v1/apps", { key: other.test });
    expect(list.body.data.map((a: { id: string }) => a.id)).toEqual([other.appId]);
  });

  it("another tenant's outbox messages are not visible", async () => {
    const recipient = randomMobile();
    expect((await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient } })).status).toBe(201);
    const mine = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}`, { key: tenant.test });
    expect(mine.body.data).toHaveLength(1);
    const theirs = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}`, { key: other.test });
    expect(theirs.body.data).toHaveLength(0);
  });
});

describe("app restriction", () => {
  it("a key restricted to another app answers 403 forbidden", async () => {
    const t = await newTenant();
    const second = await api("POST", "/api/v1/apps", { key: t.test, body: { name: "second" } });
    expect(second.status).toBe(201);
    const prisma = await db();
    await prisma.apiKey.update({ where: { id: t.test.keyId }, data: { appIds: [second.body.id] } });
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: t.test, body: { appId: t.appId, recipient: randomMobile() } }),
      403,
      "forbidden",
    );
    expectProblem(await api("GET", `/api/v1/apps/${t.appId}`, { key: t.test }), 403, "forbidden");
    // …and without appId, the key's only app is used.
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() } });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.appId).toBe(second.body.id);
  });
});
