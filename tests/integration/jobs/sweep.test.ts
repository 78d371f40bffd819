import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { SWEEP_JOB, sweepExpired } from "@/lib/jobs/sweep";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";

const hour = 3600_000;

async function idempotencyRecord(tenant: TestTenant, expiresAt: Date) {
  const prisma = await db();
  const record = await prisma.idempotencyRecord.create({
    data: { id: newId("idem"), tenantId: tenant.tenantId, apiKeyId: tenant.test.keyId, mode: "test", key: newId("idem"), requestHash: "h", responseStatus: 201, responseBody: {}, expiresAt },
  });
  return record.id;
}

/** A verification of the tenant's, then made to hold a sealed code in the given state. */
async function verificationWithCode(tenant: TestTenant, state: { status: "pending" | "approved" | "canceled" | "expired"; expiresAt: Date }) {
  const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: randomMobile() } });
  expect(sent.status, sent.text).toBe(201);
  const prisma = await db();
  await prisma.verification.update({ where: { id: sent.body.id }, data: { ...state, codeEncrypted: "sealed-code-stand-in" } });
  return sent.body.id as string;
}

describe("the sweep of expired records", () => {
  it("deletes expired idempotency records and clears the codes of ended or expired verifications, nothing else", async () => {
    const [a, b] = [await newTenant(), await newTenant()];
    const past = new Date(Date.now() - hour);
    const future = new Date(Date.now() + hour);
    const expiredRecords = [await idempotencyRecord(a, past), await idempotencyRecord(a, past), await idempotencyRecord(b, past)];
    const validRecords = [await idempotencyRecord(a, future), await idempotencyRecord(b, future)];
    const ended = [
      await verificationWithCode(a, { status: "approved", expiresAt: future }),
      await verificationWithCode(a, { status: "canceled", expiresAt: future }),
      await verificationWithCode(b, { status: "expired", expiresAt: past }),
      await verificationWithCode(b, { status: "pending", expiresAt: past }),
    ];
    const inFlight = [await verificationWithCode(a, { status: "pending", expiresAt: future }), await verificationWithCode(b, { status: "pending", expiresAt: future })];

    // Small batches: the sweep goes on until nothing is left. (Counts are not asserted: other test
    // files' rows are swept too, and so is the state below.)
    await sweepExpired({ batchSize: 1 });

    const prisma = await db();
    const records = await prisma.idempotencyRecord.findMany({ where: { id: { in: [...expiredRecords, ...validRecords] } }, select: { id: true } });
    expect(records.map((r) => r.id).sort()).toEqual([...validRecords].sort());
    const verifications = await prisma.verification.findMany({ where: { id: { in: [...ended, ...inFlight] } }, select: { id: true, codeEncrypted: true, status: true } });
    for (const v of verifications) expect(v.codeEncrypted, v.id).toBe(inFlight.includes(v.id) ? "sealed-code-stand-in" : null);
    // Only the code goes: the verifications themselves stay as they were.
    expect(verifications).toHaveLength(ended.length + inFlight.length);
    expect(verifications.find((v) => v.id === ended[0])!.status).toBe("approved");
  });

  it("expires pending verifications past their expiry once, with their event, and leaves the others", async () => {
    const tenant = await newTenant();
    const prisma = await db();
    const send = async () => {
      const sent = await api("POST", "/api/v1/otp/send", { key: tenant.test, body: { recipient: randomMobile() } });
      expect(sent.status, sent.text).toBe(201);
      return sent.body.id as string;
    };
    const [overdue, current] = [await send(), await send()];
    await prisma.verification.update({ where: { id: overdue }, data: { expiresAt: new Date(Date.now() - 1000) } });

    await sweepExpired();
    await sweepExpired(); // a second run finds nothing more to record

    const rows = await prisma.verification.findMany({ where: { id: { in: [overdue, current] } }, select: { id: true, status: true, endedAt: true } });
    expect(rows.find((r) => r.id === overdue)).toMatchObject({ status: "expired", endedAt: expect.any(Date) });
    expect(rows.find((r) => r.id === current)!.status).toBe("pending");
    const events = await prisma.event.findMany({ where: { verificationId: { in: [overdue, current] }, type: "verification.expired" } });
    expect(events.map((e) => ({ id: e.verificationId, mode: e.mode }))).toEqual([{ id: overdue, mode: "test" }]);
  });

  it("stops after its budget of batches, leaving the rest to the next run", async () => {
    const tenant = await newTenant();
    const past = new Date(Date.now() - hour);
    for (let i = 0; i < 3; i++) await idempotencyRecord(tenant, past);
    const swept = await sweepExpired({ batchSize: 1, maxBatches: 2 });
    expect(swept.idempotencyRecords).toBe(2);
    await sweepExpired();
    expect(await (await db()).idempotencyRecord.count({ where: { tenantId: tenant.tenantId, expiresAt: { lte: new Date() } } })).toBe(0);
  });

  it("is on the job worker's schedule", async () => {
    const rows = await (await db()).$queryRaw<{ cron: string }[]>`SELECT cron FROM pgboss.schedule WHERE name = ${SWEEP_JOB}`;
    expect(rows).toEqual([{ cron: "* * * * *" }]);
  });
});
