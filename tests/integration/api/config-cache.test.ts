/**
 * Keys and apps are cached per process under the tenant's configuration version
 * (lib/keys/config-version.ts): a revocation or a setting change must still apply to the very next
 * request. This test process is a second instance beside the server (same database, same limiter
 * store), so changes are made on one and observed on the other, with the observer's cache warm.
 */
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { authenticateApiKey } from "@/lib/keys/authenticate-api-key";
import { rollApiKey } from "@/lib/keys/revoke-api-key";
import { requireApp } from "@/lib/keys/require-app";
import { api, authHeaders, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

const WARM = 3; // read, confirmed under the version, then served from the cache

describe("cached keys and apps", () => {
  it("a rolled key's old secret stops working when its grace ends early, on the next request", async () => {
    const t = await newTenant();
    for (let i = 0; i < WARM; i++)
      expect((await api("GET", "/api/v1/apps", { key: t.test })).status).toBe(200);
    expect(await rollApiKey(t.test.keyId, t.tenantId, new Date(Date.now() - 1000))).not.toBeNull();
    expectProblem(await api("GET", "/api/v1/apps", { key: t.test }), 401, "unauthorized");
  });

  it("an app setting changed through the API applies to the next send", async () => {
    const t = await newTenant();
    for (let i = 0; i < WARM; i++) {
      const sent = await api("POST", "/api/v1/otp/send", {
        key: t.test,
        body: { recipient: randomMobile() },
      });
      expect(sent.status, sent.text).toBe(201);
    }
    const patched = await api("PATCH", `/api/v1/apps/${t.appId}`, {
      key: t.test,
      body: { allowedCountries: ["DE"] },
    });
    expect(patched.status, patched.text).toBe(200);
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() } }),
      403,
      "country_blocked",
    );
  });

  it("a second app makes sends without appId ask for one on the next request", async () => {
    const t = await newTenant();
    for (let i = 0; i < WARM; i++)
      expect(
        (await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() } })).status,
      ).toBe(201);
    expect((await api("POST", "/api/v1/apps", { key: t.test, body: { name: "second" } })).status).toBe(201);
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() } }),
      400,
      "invalid_request",
    );
  });

  it.skipIf(inject("limiter") === "memory")(
    "changes made on the server reach another instance's warm cache",
    async () => {
      const t = await newTenant();
      const headers = new Headers(authHeaders(t.live));
      let principal = await authenticateApiKey(headers);
      for (let i = 1; i < WARM; i++) principal = await authenticateApiKey(headers);
      for (let i = 0; i < WARM; i++) await requireApp(principal, t.appId);
      expect(principal.tenantLimits).toEqual({ sendsPerDay: 10_000, requestsPerKeyPerSecond: 100 });

      const tenant = await api("PATCH", "/api/v1/tenant", {
        key: t.live,
        body: { rateLimits: { requestsPerKeyPerSecond: 7 } },
      });
      expect(tenant.status, tenant.text).toBe(200);
      principal = await authenticateApiKey(headers);
      expect(principal.tenantLimits).toEqual({ sendsPerDay: 10_000, requestsPerKeyPerSecond: 7 });

      const app = await api("PATCH", `/api/v1/apps/${t.appId}`, { key: t.live, body: { name: "renamed" } });
      expect(app.status, app.text).toBe(200);
      principal = await authenticateApiKey(headers);
      expect((await requireApp(principal, t.appId)).name).toBe("renamed");
    },
  );

  it("a template created, edited or deleted applies to the next send (the app's templates are cached)", async () => {
    const t = await newTenant();
    const sendAndRead = async () => {
      const recipient = randomMobile();
      const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient, locale: "en" } });
      expect(sent.status, sent.text).toBe(201);
      const outbox = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { key: t.test });
      expect(outbox.status, outbox.text).toBe(200);
      return outbox.body.data[0].body as string;
    };
    for (let i = 0; i < WARM; i++) expect(await sendAndRead()).not.toContain("first text");
    const templates = `/api/v1/apps/${t.appId}/templates`;
    const created = await api("POST", templates, { key: t.test, body: { channel: "sms", locale: "en", body: "first text {{code}}" } });
    expect(created.status, created.text).toBe(201);
    expect(await sendAndRead()).toMatch(/^first text \w+/);
    expect(await sendAndRead()).toMatch(/^first text \w+/);
    const edited = await api("PATCH", `${templates}/${created.body.id}`, { key: t.test, body: { body: "second text {{code}}" } });
    expect(edited.status, edited.text).toBe(200);
    expect(await sendAndRead()).toMatch(/^second text \w+/);
    const deleted = await api("DELETE", `${templates}/${created.body.id}`, { key: t.test });
    expect(deleted.status).toBe(204);
    expect(await sendAndRead()).not.toContain("second text");
  });
});
