import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { rebuildRollups } from "@/lib/reports/rebuild-rollups";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, readCode, setTenantLimits } from "../../helpers/tenant";

// The engine writes a send, a verify, a resend and a cancel as one statement each (lib/otp), with
// their events and rollups. These are the invariants those statements must keep; the concurrent
// ones need real PostgreSQL (the embedded database serialises everything, where they pass trivially).
describe("engine statements", () => {
  it("concurrent sends to one recipient leave exactly one pending verification; every replaced one is canceled once", async () => {
    const t = await newTenant({ rateLimits: { sendsPerRecipient: 1000, sendsPerNumberPrefix: 1000 } });
    await setTenantLimits(t.tenantId, { requestsPerKeyPerSecond: 1000 });
    const recipient = randomMobile();
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } })),
    );
    for (const r of responses) expect(r.status, r.text).toBe(201);
    const ids = responses.map((r) => r.body.id as string);

    const prisma = await db();
    const rows = await prisma.verification.findMany({ where: { id: { in: ids } } });
    expect(rows.filter((v) => v.status === "pending")).toHaveLength(1);
    expect(rows.filter((v) => v.status === "canceled")).toHaveLength(11);
    const events = await prisma.event.findMany({ where: { tenantId: t.tenantId, verificationId: { in: ids } } });
    for (const id of ids) {
      const own = events.filter((e) => e.verificationId === id).map((e) => e.type).sort();
      const canceled = rows.find((v) => v.id === id)!.status === "canceled";
      expect(own).toEqual(
        ["message.delivered", "message.sent", "verification.created", ...(canceled ? ["verification.canceled"] : [])].sort(),
      );
    }
    // Events carry their verification's mode, written with them.
    expect(events.every((e) => e.mode === "test")).toBe(true);
    expect(await prisma.outboxMessage.count({ where: { tenantId: t.tenantId, to: recipient } })).toBe(12);
    expect(await prisma.deliveryAttempt.count({ where: { tenantId: t.tenantId, status: "delivered" } })).toBe(12);
  }, 120_000);

  it("concurrent right and wrong codes: one approval at most, every counted attempt recorded exactly once", async () => {
    const t = await newTenant({ maxAttempts: 5, rateLimits: { verifiesPerRecipient: 1000 } });
    await setTenantLimits(t.tenantId, { requestsPerKeyPerSecond: 1000 });
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    const code = await readCode(t.test, recipient);
    const wrong = code === "000000" ? "111111" : "000000";
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: sent.body.id, code: i % 4 === 0 ? code : wrong } }),
      ),
    );
    const prisma = await db();
    const row = await prisma.verification.findUniqueOrThrow({ where: { id: sent.body.id } });
    const attempts = await prisma.verifyAttempt.findMany({ where: { verificationId: sent.body.id } });
    const approvals = responses.filter((r) => r.status === 200);
    expect(approvals.length).toBeLessThanOrEqual(1);
    expect(attempts.filter((a) => a.success)).toHaveLength(approvals.length);
    // Every wrong code that was counted is in `attempts` and in the log of attempts, once.
    expect(attempts.filter((a) => !a.success)).toHaveLength(row.attempts);
    expect(responses.filter((r) => r.status === 422 || r.status === 429)).toHaveLength(row.attempts);
    expect(row.status).toBe(approvals.length === 1 ? "approved" : "failed");
    const ended = await prisma.event.count({
      where: { verificationId: sent.body.id, type: { in: ["verification.approved", "verification.failed"] } },
    });
    expect(ended).toBe(1);
  }, 120_000);

  it("the rollups equal a rebuild from the verifications and events after a mixed workload", async () => {
    const t = await newTenant({
      maxAttempts: 2,
      resendCooldown: 0,
      rateLimits: { sendsPerRecipient: 1000, verifiesPerRecipient: 1000, sendsPerNumberPrefix: 1000 },
    });
    await setTenantLimits(t.tenantId, { requestsPerKeyPerSecond: 1000 });
    const send = (recipient: string, body: object = {}) =>
      api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient, ...body } });
    const verify = (id: string, code: string) => api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } });

    const approvedOne = randomMobile();
    const a = await send(approvedOne);
    expect((await verify(a.body.id, await readCode(t.test, approvedOne))).status).toBe(200);

    const failedOne = randomMobile();
    const f = await send(failedOne, { channel: "sms" });
    const wrong = (await readCode(t.test, failedOne)) === "000000" ? "111111" : "000000";
    await verify(f.body.id, wrong);
    expect((await verify(f.body.id, wrong)).status).toBe(429);

    const resentOne = randomMobile();
    const r = await send(resentOne);
    expect((await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id: r.body.id } })).status).toBe(200);
    expect((await verify(r.body.id, await readCode(t.test, resentOne))).status).toBe(200);

    const replaced = randomMobile();
    await send(replaced);
    await send(replaced);
    const canceled = await send(randomMobile());
    expect((await api("POST", "/api/v1/otp/cancel", { key: t.test, body: { id: canceled.body.id } })).status).toBe(200);

    const prisma = await db();
    const totals = async () => ({
      rollup: await prisma.$queryRaw<object[]>`
        SELECT "appId", "hour", "channel", "country", sum("sent")::int AS sent, sum("delivered")::int AS delivered,
               sum("approved")::int AS approved, sum("failed")::int AS failed
          FROM "ReportRollup" WHERE "tenantId" = ${t.tenantId}
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      verifyTime: await prisma.$queryRaw<object[]>`
        SELECT "appId", "day", "channel", "country", i, sum(n)::int AS n
          FROM "ReportVerifyTime", unnest("histogram") WITH ORDINALITY AS h(n, i)
         WHERE "tenantId" = ${t.tenantId}
         GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) > 0 ORDER BY 1, 2, 3, 4, 5`,
    });
    const incremental = await totals();
    expect(incremental.rollup.length).toBeGreaterThan(0);
    const sums = incremental.rollup.reduce(
      (s: Record<string, number>, row: any) => ({
        sent: s.sent! + row.sent,
        delivered: s.delivered! + row.delivered,
        approved: s.approved! + row.approved,
        failed: s.failed! + row.failed,
      }),
      { sent: 0, delivered: 0, approved: 0, failed: 0 },
    );
    expect(sums).toEqual({ sent: 6, delivered: 6, approved: 2, failed: 1 });
    await rebuildRollups(prisma, t.tenantId);
    expect(await totals()).toEqual(incremental);
  }, 180_000);

  it("reading a verification past its expiry shows it expired and writes nothing; the next verify records it once", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    const prisma = await db();
    await prisma.verification.update({ where: { id: sent.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const read = await api("GET", `/api/v1/otp/${sent.body.id}`, { key: t.test });
    expect(read.body.status).toBe("expired");
    expect((await prisma.verification.findUniqueOrThrow({ where: { id: sent.body.id } })).status).toBe("pending");
    expect(await prisma.event.count({ where: { verificationId: sent.body.id, type: "verification.expired" } })).toBe(0);

    const verify = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: sent.body.id, code: "000000" } });
    expect(verify.status).toBe(410);
    expect((await prisma.verification.findUniqueOrThrow({ where: { id: sent.body.id } })).status).toBe("expired");
    const expired = await prisma.event.findMany({ where: { verificationId: sent.body.id, type: "verification.expired" } });
    expect(expired).toHaveLength(1);
    expect(expired[0]!.mode).toBe("test");
  }, 120_000);

  it("a named template written for another channel is not used for this one (inline and worker paths agree)", async () => {
    const t = await newTenant();
    const template = await api("POST", `/api/v1/apps/${t.appId}/templates`, {
      key: t.test,
      body: { channel: "whatsapp", locale: "en", body: "WHATSAPP-ONLY {{code}}" },
    });
    expect(template.status, template.text).toBe(201);
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: { recipient, channel: "sms", templateId: template.body.id },
    });
    expect(sent.status, sent.text).toBe(201);
    const outbox = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { key: t.test });
    expect(outbox.body.data[0].channel).toBe("sms");
    expect(outbox.body.data[0].body).not.toContain("WHATSAPP-ONLY");
  }, 120_000);

  it("the Event table has no triggers: writers set mode and source themselves", async () => {
    const prisma = await db();
    const triggers = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = '"Event"'::regclass AND NOT tgisinternal`;
    expect(triggers[0]!.n).toBe(0);
  });
});
