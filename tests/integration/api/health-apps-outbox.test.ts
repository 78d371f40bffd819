import { describe, expect, it } from "vitest";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

describe("GET /api/health", () => {
  it("reports each dependency", async () => {
    const response = await api("GET", "/api/health");
    expect(response.status).toBe(200);
    expect(response.body.status).toBe("ok");
    expect(response.body.dependencies.database).toMatchObject({ status: "up" });
    expect(["postgres", "embedded"]).toContain(response.body.dependencies.database.backend);
    expect(response.body.dependencies.rateLimitStore).toMatchObject({ status: "up" });
  });
});

describe("GET /api/health/live", () => {
  it("answers that the process is up, without asking any dependency", async () => {
    const response = await api("GET", "/api/health/live");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect((await api("POST", "/api/health/live")).status).toBe(405);
  });
});

describe("apps API (CONTRACT §4b)", () => {
  it("creates, lists, reads and updates apps with their settings and publishable keys", async () => {
    const t = await newTenant();
    const created = await api("POST", "/api/v1/apps", {
      key: t.test,
      body: { name: "Checkout", channels: ["whatsapp", "sms"], allowedCountries: ["br", "IN"], allowedOrigins: ["https://shop.example.com/"] },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name: "Checkout",
      codeLength: 6,
      alphabet: "numeric",
      ttl: 600,
      maxAttempts: 5,
      resendCooldown: 30,
      maxSends: 5,
      channels: ["whatsapp", "sms"],
      defaultLocale: "en",
      allowedCountries: ["BR", "IN"],
      allowedOrigins: ["https://shop.example.com"],
      webhookUrl: null,
      exposeCode: false,
      rateLimits: {
        sendsPerRecipient: 5,
        sendsPerRecipientWindow: 600,
        verifiesPerRecipient: 10,
        verifiesPerRecipientWindow: 600,
        widgetSendsPerIp: 10,
      },
    });
    expect(created.body.id).toMatch(/^app_/);
    expect(created.body.publishableKeys.live).toMatch(/^otppk_live_/);
    expect(created.body.publishableKeys.test).toMatch(/^otppk_test_/);

    const list = await api("GET", "/api/v1/apps", { key: t.test });
    expect(list.body.data.map((a: { id: string }) => a.id).sort()).toEqual([t.appId, created.body.id].sort());

    const patched = await api("PATCH", `/api/v1/apps/${created.body.id}`, {
      key: t.test,
      body: { ttl: 120, rateLimits: { sendsPerRecipient: 9 } },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.ttl).toBe(120);
    expect(patched.body.rateLimits.sendsPerRecipient).toBe(9);
    expect(patched.body.rateLimits.verifiesPerRecipient).toBe(10);
    expect(patched.body.channels).toEqual(["whatsapp", "sms"]);
    const again = await api("PATCH", `/api/v1/apps/${created.body.id}`, { key: t.test, body: { rateLimits: { verifiesPerRecipient: 3 } } });
    expect(again.body.rateLimits).toMatchObject({ sendsPerRecipient: 9, verifiesPerRecipient: 3 });
    expect((await api("GET", `/api/v1/apps/${created.body.id}`, { key: t.test })).body).toEqual(again.body);
  });

  it("keeps provider secrets write-only", async () => {
    const t = await newTenant();
    const patched = await api("PATCH", `/api/v1/apps/${t.appId}`, {
      key: t.live,
      body: {
        providers: {
          twilio: { accountSid: `AC${"1".repeat(32)}`, authToken: "tok-abcdefgh-1234", from: "+15005550006" },
          whatsapp: { phoneNumberId: "1234567890", accessToken: "EAAG-very-secret-token", templateName: "otp_code", templateLanguage: "en" },
        },
      },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.text).not.toContain("tok-abcdefgh-1234");
    expect(patched.text).not.toContain("EAAG-very-secret-token");
    expect(patched.body.providers.twilio.authToken).toMatch(/^•+1234$/);
    // Removing one provider keeps the other.
    const removed = await api("PATCH", `/api/v1/apps/${t.appId}`, { key: t.live, body: { providers: { twilio: null } } });
    expect(removed.body.providers.twilio).toBeNull();
    expect(removed.body.providers.whatsapp.phoneNumberId).toBe("1234567890");
  });

  it.each([
    [{ codeLength: 11 }, "codeLength"],
    [{ maxAttempts: 0 }, "maxAttempts"],
    [{ channels: [] }, "channels"],
    [{ channels: ["sms", "sms"] }, "channels"],
    [{ channels: ["fax"] }, "channels.0"],
    [{ allowedCountries: ["Brazil"] }, "allowedCountries.0"],
    [{ allowedOrigins: ["https://a.example.com/path"] }, "allowedOrigins.0"],
    [{ webhookUrl: "ftp://x" }, "webhookUrl"],
    [{ rateLimits: { sendsPerRecipient: -1 } }, "rateLimits.sendsPerRecipient"],
    [{ unknownSetting: 1 }, "(body)"],
    [{ alphabet: "letters", codeLength: 4 }, "codeLength"],
    [{ providers: { twilio: { accountSid: "nope", authToken: "x" } } }, "providers.twilio.accountSid"],
  ])("PATCH %o → 400 naming %s, nothing changed", async (body, path) => {
    const t = await newTenant();
    const before = await api("GET", `/api/v1/apps/${t.appId}`, { key: t.test });
    const problem = expectProblem(await api("PATCH", `/api/v1/apps/${t.appId}`, { key: t.test, body }), 400, "invalid_request");
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await api("GET", `/api/v1/apps/${t.appId}`, { key: t.test })).body).toEqual(before.body);
  });

  it("refuses an alphabet that the saved code length makes weaker than 20 bits, and the reverse", async () => {
    const t = await newTenant();
    expect((await api("PATCH", `/api/v1/apps/${t.appId}`, { key: t.test, body: { codeLength: 4 } })).status).toBe(200);
    const before = await api("GET", `/api/v1/apps/${t.appId}`, { key: t.test });
    const problem = expectProblem(await api("PATCH", `/api/v1/apps/${t.appId}`, { key: t.test, body: { alphabet: "letters" } }), 400, "invalid_request");
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(["codeLength"]);
    expect((await api("GET", `/api/v1/apps/${t.appId}`, { key: t.test })).body).toEqual(before.body);
    expectProblem(await api("POST", "/api/v1/apps", { key: t.test, body: { name: "weak", alphabet: "letters", codeLength: 4 } }), 400, "invalid_request");
    expect((await api("PATCH", `/api/v1/apps/${t.appId}`, { key: t.test, body: { alphabet: "letters", codeLength: 5 } })).status).toBe(200);
  });

  it("POST without a name → 400", async () => {
    const t = await newTenant();
    expectProblem(await api("POST", "/api/v1/apps", { key: t.test, body: { ttl: 100 } }), 400, "invalid_request");
  });
});

describe("GET /api/v1/outbox (CONTRACT §6)", () => {
  it("lists test-mode messages newest first, filtered by recipient, limited", async () => {
    const t = await newTenant({ resendCooldown: 0 });
    const a = randomMobile();
    const b = randomMobile();
    const first = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: a } });
    await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: b } });
    await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id: first.body.id } });
    const all = await api("GET", "/api/v1/outbox", { key: t.test });
    expect(all.body.data).toHaveLength(3);
    expect(all.body.data[0]).toMatchObject({ to: a, channel: "sms", verificationId: first.body.id });
    expect(Object.keys(all.body.data[0]).sort()).toEqual(["body", "channel", "createdAt", "id", "to", "verificationId"]);
    const onlyA = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(a)}`, { key: t.test });
    expect(onlyA.body.data.map((m: { to: string }) => m.to)).toEqual([a, a]);
    // An unencoded "+" in the query is read as the "+" it was.
    const unencoded = await api("GET", `/api/v1/outbox?recipient=${a}`, { key: t.test });
    expect(unencoded.body.data).toHaveLength(2);
    expect((await api("GET", "/api/v1/outbox?limit=1", { key: t.test })).body.data).toHaveLength(1);
  });

  it("a live key answers 403; bad parameters 400", async () => {
    const t = await newTenant();
    expectProblem(await api("GET", "/api/v1/outbox", { key: t.live }), 403, "forbidden");
    for (const query of ["limit=0", "limit=101", "limit=abc", "limit=-1", "recipient=hello"]) {
      const response = await api("GET", `/api/v1/outbox?${query}`, { key: t.test });
      expect(response.status, query).toBe(400);
    }
  });
});
