import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { rebuildRollups } from "@/lib/reports/rebuild-rollups";
import { api, randomMobile } from "../../helpers/api";
import { allPages, send } from "../../helpers/reads";
import { newTenant, readCode } from "../../helpers/tenant";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wrongCode = (code: string) => (code === "000000" ? "111111" : "000000");

describe("GET /api/v1/otp/list", () => {
  it("pages newest first through every verification exactly once", async () => {
    const t = await newTenant();
    const sent = [];
    for (let i = 0; i < 7; i++) sent.push(await send(t.test, { recipient: randomMobile() }));
    const { ids, pages } = await allPages(t.test, "/api/v1/otp/list?limit=3");
    expect(pages).toBe(3);
    expect(ids).toEqual(sent.map((v) => v.id).reverse());

    const first = await api("GET", "/api/v1/otp/list", { key: t.test });
    expect(first.body.data).toHaveLength(7); // default limit 20
    expect(first.body.nextCursor).toBeNull();
    expect(first.body.data[0]).toMatchObject({
      id: sent[6]!.id,
      appId: t.appId,
      status: "pending",
      channel: "sms",
    });
  });

  it("visits the rows that existed exactly once while new ones arrive between pages", async () => {
    const t = await newTenant();
    const before = [];
    for (let i = 0; i < 6; i++) before.push((await send(t.test, { recipient: randomMobile() })).id);
    const arrived: string[] = [];
    const { ids } = await allPages(t.test, "/api/v1/otp/list?limit=2", async () => {
      arrived.push((await send(t.test, { recipient: randomMobile() })).id);
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(before.slice().reverse());
    const all = await allPages(t.test, "/api/v1/otp/list?limit=100");
    expect(all.ids.sort()).toEqual([...before, ...arrived].sort());
  });

  it("combines filters: status, channel, recipient in any spelling, externalId, from/to, appId", async () => {
    const t = await newTenant({ channels: ["sms", "whatsapp"] });
    const alice = randomMobile();
    const bob = randomMobile();
    const a1 = await send(t.test, { recipient: alice, externalId: "user-a" });
    await api("POST", "/api/v1/otp/verify", {
      key: t.test,
      body: { id: a1.id, code: await readCode(t.test, alice) },
    });
    const a2 = await send(t.test, { recipient: alice, channel: "whatsapp", externalId: "user-a" });
    const b1 = await send(t.test, { recipient: bob, externalId: "user-b" });
    const b2 = await send(t.test, { recipient: bob, channel: "whatsapp" }); // cancels b1

    const list = async (query: string) => {
      const response = await api("GET", `/api/v1/otp/list?${query}`, { key: t.test });
      expect(response.status, response.text).toBe(200);
      return response.body.data.map((v: { id: string }) => v.id);
    };
    expect(await list("status=approved")).toEqual([a1.id]);
    expect(await list("status=canceled")).toEqual([b1.id]);
    expect(await list("status=pending")).toEqual([b2.id, a2.id]);
    expect(await list("channel=whatsapp")).toEqual([b2.id, a2.id]);
    expect(await list("channel=whatsapp&status=pending&externalId=user-a")).toEqual([a2.id]);
    expect(await list(`recipient=${encodeURIComponent(alice)}`)).toEqual([a2.id, a1.id]);
    // "+55 11 9…" unencoded: the "+" arrives as a space, the spaces are ignored.
    const spaced = `${alice.slice(0, 3)} ${alice.slice(3, 5)} ${alice.slice(5)}`;
    expect(await list(`recipient=${spaced.replace(/ /g, "%20")}`)).toEqual([a2.id, a1.id]);
    expect(await list(`recipient=${alice}&channel=sms`)).toEqual([a1.id]);
    expect(await list(`externalId=user-b`)).toEqual([b1.id]);
    expect(
      await list(`from=${encodeURIComponent(a2.createdAt)}&to=${encodeURIComponent(b2.createdAt)}`),
    ).toEqual([b1.id, a2.id]);
    expect(await list(`appId=${t.appId}&to=${encodeURIComponent(a2.createdAt)}`)).toEqual([a1.id]);
  });
});

describe("GET /api/v1/otp/attempts", () => {
  it("lists every code check, oldest first", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const { id } = await send(t.test, { recipient });
    const code = await readCode(t.test, recipient);
    expect(
      (await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: wrongCode(code) } })).status,
    ).toBe(422);
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } })).status).toBe(200);
    const response = await api("GET", `/api/v1/otp/attempts?id=${id}`, { key: t.test });
    expect(response.status, response.text).toBe(200);
    expect(response.body.data).toMatchObject([
      { success: false, reason: "invalid_code" },
      { success: true, reason: "approved" },
    ]);
    for (const attempt of response.body.data) {
      expect(Date.parse(attempt.at)).toBeGreaterThan(Date.now() - 60_000);
      expect("ip" in attempt).toBe(true);
    }
    const none = await api(
      "GET",
      `/api/v1/otp/attempts?id=${(await send(t.test, { recipient: randomMobile() })).id}`,
      { key: t.test },
    );
    expect(none.body).toEqual({ data: [] });
  });
});

describe("GET /api/v1/otp/logs", () => {
  it("shows a verification's events newest first, filters by type, and pages", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const { id } = await send(t.test, { recipient });
    await api("POST", "/api/v1/otp/verify", {
      key: t.test,
      body: { id, code: await readCode(t.test, recipient) },
    });
    const other = await send(t.test, { recipient: randomMobile() });

    const logs = await api("GET", `/api/v1/otp/logs?verificationId=${id}`, { key: t.test });
    expect(logs.status, logs.text).toBe(200);
    expect(logs.body.data.map((e: { type: string }) => e.type)).toEqual([
      "verification.approved",
      "message.delivered",
      "message.sent",
      "verification.created",
    ]);
    expect(logs.body.data[0]).toMatchObject({ verificationId: id, data: { attempts: 1 } });
    expect(logs.body.data[0].id).toMatch(/^evt_/);

    const created = await api("GET", "/api/v1/otp/logs?type=verification.created", { key: t.test });
    expect(created.body.data.map((e: { verificationId: string }) => e.verificationId)).toEqual([
      other.id,
      id,
    ]);

    const all = await api("GET", "/api/v1/otp/logs?limit=100", { key: t.test });
    const paged = await allPages(t.test, "/api/v1/otp/logs?limit=3");
    expect(paged.ids).toEqual(all.body.data.map((e: { id: string }) => e.id));
    expect(paged.ids).toHaveLength(7);
  });
});

describe("GET /api/v1/otp/rate-limits", () => {
  it("reports the key's, the tenant's and the recipient's limits with the app's overrides, without consuming", async () => {
    const t = await newTenant({ rateLimits: { sendsPerRecipient: 7 } });
    const recipient = randomMobile();
    await send(t.test, { recipient });
    const read = async () => {
      const response = await api(
        "GET",
        `/api/v1/otp/rate-limits?recipient=${encodeURIComponent(recipient)}`,
        { key: t.test },
      );
      expect(response.status, response.text).toBe(200);
      return Object.fromEntries(response.body.data.map((l: { name: string }) => [l.name, l]));
    };
    const limits = await read();
    expect(Object.keys(limits).sort()).toEqual(
      [
        "requestsPerKey",
        "sendsPerNumberPrefix",
        "sendsPerRecipient",
        "sendsPerTenantPerDay",
        "verifiesPerRecipient",
      ].sort(),
    );
    expect(limits.sendsPerRecipient).toMatchObject({ limit: 7, remaining: 6 });
    expect(limits.verifiesPerRecipient).toMatchObject({ limit: 10, remaining: 10 });
    expect(limits.sendsPerNumberPrefix).toMatchObject({ limit: 20, remaining: 19 });
    expect(limits.sendsPerTenantPerDay).toMatchObject({ limit: 10_000, remaining: 9_999 });
    expect(limits.sendsPerRecipient.reset).toBeGreaterThan(0);
    expect(limits.sendsPerRecipient.reset).toBeLessThanOrEqual(600);
    expect(
      Math.abs(
        Date.parse(limits.sendsPerRecipient.resetAt) - (Date.now() + limits.sendsPerRecipient.reset * 1000),
      ),
    ).toBeLessThan(2_000);
    expect((await read()).sendsPerRecipient.remaining).toBe(6); // reading consumed nothing

    const withoutRecipient = await api("GET", "/api/v1/otp/rate-limits", { key: t.test });
    expect(withoutRecipient.body.data.map((l: { name: string }) => l.name).sort()).toEqual([
      "requestsPerKey",
      "sendsPerTenantPerDay",
    ]);
  });
});

describe("GET /api/v1/otp/reports", () => {
  it("counts a fresh app's known activity: sent, delivered, approved, failed, conversion, median, series, groups", async () => {
    const t = await newTenant({ channels: ["sms", "whatsapp"], maxAttempts: 1, resendCooldown: 0 });
    const approvedIds: string[] = [];
    // 1: approved at once, after a resend (delivered twice, counted once)
    const r1 = randomMobile();
    const v1 = await send(t.test, { recipient: r1 });
    expect((await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id: v1.id } })).status).toBe(200);
    await api("POST", "/api/v1/otp/verify", {
      key: t.test,
      body: { id: v1.id, code: await readCode(t.test, r1) },
    });
    approvedIds.push(v1.id);
    // 2: whatsapp to a US number, approved after ~2 s
    const r2 = "+14155550123";
    const v2 = await send(t.test, { recipient: r2, channel: "whatsapp" });
    await sleep(2_100);
    await api("POST", "/api/v1/otp/verify", {
      key: t.test,
      body: { id: v2.id, code: await readCode(t.test, r2) },
    });
    approvedIds.push(v2.id);
    // 3: one wrong code with maxAttempts 1: failed
    const r3 = randomMobile();
    const v3 = await send(t.test, { recipient: r3 });
    const code3 = await readCode(t.test, r3);
    expect(
      (await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: v3.id, code: wrongCode(code3) } }))
        .status,
    ).toBe(429);
    // 4: left pending
    await send(t.test, { recipient: randomMobile() });

    const seconds = [];
    for (const id of approvedIds) {
      const v = (await api("GET", `/api/v1/otp/status?id=${id}`, { key: t.test })).body;
      seconds.push(Math.floor((Date.parse(v.verifiedAt) - Date.parse(v.createdAt)) / 1000));
    }
    const median = (seconds[0]! + seconds[1]!) / 2;
    expect(seconds[1]).toBeGreaterThanOrEqual(2);

    const report = await api("GET", "/api/v1/otp/reports?groupBy=channel", { key: t.test });
    expect(report.status, report.text).toBe(200);
    expect(report.body.totals).toEqual({
      sent: 4,
      delivered: 4,
      approved: 2,
      failed: 1,
      conversionRate: 0.5,
      medianTimeToVerifySeconds: median,
    });
    expect(report.body.series.length).toBeGreaterThanOrEqual(30);
    expect(report.body.series.length).toBeLessThanOrEqual(31);
    const active = report.body.series.filter((b: { sent: number }) => b.sent > 0);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({
      sent: 4,
      approved: 2,
      start: expect.stringMatching(/T00:00:00\.000Z$/),
    });
    expect(report.body.groups).toEqual([
      {
        key: "sms",
        sent: 3,
        delivered: 3,
        approved: 1,
        failed: 1,
        conversionRate: 1 / 3,
        medianTimeToVerifySeconds: seconds[0],
      },
      {
        key: "whatsapp",
        sent: 1,
        delivered: 1,
        approved: 1,
        failed: 0,
        conversionRate: 1,
        medianTimeToVerifySeconds: seconds[1],
      },
    ]);

    const byCountry = await api(
      "GET",
      "/api/v1/otp/reports?groupBy=country&interval=hour&from=" +
        new Date(Date.now() - 86_400_000).toISOString(),
      {
        key: t.test,
      },
    );
    expect(byCountry.status, byCountry.text).toBe(200);
    expect(byCountry.body.groups.map((g: { key: string; sent: number }) => [g.key, g.sent])).toEqual([
      ["BR", 3],
      ["US", 1],
    ]);
    expect(byCountry.body.series.length).toBeGreaterThanOrEqual(24);
    const sum = byCountry.body.series.reduce((n: number, b: { sent: number }) => n + b.sent, 0);
    expect(sum).toBe(4);

    // The rollups kept event by event equal the ones recomputed from the verifications.
    await rebuildRollups(await db(), t.tenantId);
    const rebuilt = await api("GET", "/api/v1/otp/reports?groupBy=channel", { key: t.test });
    expect({ ...rebuilt.body, to: null }).toEqual({ ...report.body, to: null });

    const empty = await api("GET", "/api/v1/otp/reports?to=2020-01-31&from=2020-01-01", { key: t.test });
    expect(empty.body.totals).toEqual({
      sent: 0,
      delivered: 0,
      approved: 0,
      failed: 0,
      conversionRate: 0,
      medianTimeToVerifySeconds: null,
    });
    expect(empty.body.series).toHaveLength(30);
    expect(empty.body.groups).toEqual([]);
  });

  it("counts a verification under the channel it started on when a resend switches channels", async () => {
    const t = await newTenant({ channels: ["sms", "whatsapp"], resendCooldown: 0 });
    const recipient = randomMobile();
    const v = await send(t.test, { recipient, channel: "sms" });
    const resent = await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id: v.id, channel: "whatsapp" } });
    expect(resent.status, resent.text).toBe(200);
    expect(resent.body.channel).toBe("whatsapp");
    const code = await readCode(t.test, recipient);
    const verified = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: v.id, code } });
    expect(verified.status, verified.text).toBe(200);

    const report = await api("GET", "/api/v1/otp/reports?groupBy=channel", { key: t.test });
    expect(report.status, report.text).toBe(200);
    type Group = { key: string; sent: number; approved: number; conversionRate: number };
    const groups = report.body.groups.map((g: Group) => [g.key, g.sent, g.approved, g.conversionRate]);
    expect(groups).toEqual([["sms", 1, 1, 1]]);
  });
});
