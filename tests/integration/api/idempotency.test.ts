import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

describe("Idempotency-Key on POST /api/v1/otp/send", () => {
  it("a repeat returns the first response and sends nothing", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const headers = { "Idempotency-Key": `k-${Math.random()}` };
    const first = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient }, headers });
    const second = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient }, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const prisma = await db();
    expect(await prisma.verification.count({ where: { tenantId: t.tenantId } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { tenantId: t.tenantId } })).toBe(1);
  });

  it("10 concurrent sends with one key: one verification, one outbox message, ten identical answers", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const headers = { "Idempotency-Key": `k-${Math.random()}` };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient }, headers })),
    );
    for (const r of responses) {
      expect(r.status, r.text).toBe(201);
      expect(r.body.id).toBe(responses[0]!.body.id);
    }
    const prisma = await db();
    expect(await prisma.verification.count({ where: { tenantId: t.tenantId } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { tenantId: t.tenantId } })).toBe(1);
  });

  it("the same key with a different body → 409 idempotency_conflict", async () => {
    const t = await newTenant();
    const headers = { "Idempotency-Key": `k-${Math.random()}` };
    expect((await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() }, headers })).status).toBe(201);
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() }, headers }),
      409,
      "idempotency_conflict",
    );
  });

  it("a 4xx answer is replayed too; keys are per tenant", async () => {
    const t = await newTenant();
    const headers = { "Idempotency-Key": "shared-key" };
    const bad = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: "+1 800 555 1234" }, headers });
    expect(bad.status).toBe(400);
    const again = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: "+1 800 555 1234" }, headers });
    expect(again.body).toEqual(bad.body);
    const other = await newTenant();
    expect((await api("POST", "/api/v1/otp/send", { key: other.test, body: { recipient: randomMobile() }, headers })).status).toBe(201);
  });

  it("a key over 255 characters → 400", async () => {
    const t = await newTenant();
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() }, headers: { "Idempotency-Key": "x".repeat(256) } }),
      400,
      "invalid_request",
    );
  });
});
