import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, readCode, setTenantLimits } from "../../helpers/tenant";

// The invariants that matter under concurrency (real PostgreSQL in CI; the embedded database
// serialises everything, where these pass trivially).
describe("verify under concurrency", () => {
  it("50 concurrent verifies with the right code: exactly one valid", async () => {
    const t = await newTenant({ rateLimits: { verifiesPerRecipient: 1000 } });
    await setTenantLimits(t.tenantId, { requestsPerKeyPerSecond: 1000 });
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    const code = await readCode(t.test, recipient);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: sent.body.id, code } })),
    );
    const valid = responses.filter((r) => r.status === 200 && r.body.valid === true);
    expect(valid).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 200)) {
      expect(r.status, r.text).toBe(409);
      expect(r.body.code).toBe("already_verified");
    }
    const prisma = await db();
    expect(await prisma.verifyAttempt.count({ where: { verificationId: sent.body.id, success: true } })).toBe(1);
    expect(await prisma.event.count({ where: { verificationId: sent.body.id, type: "verification.approved" } })).toBe(1);
  });

  it("8 concurrent wrong codes with maxAttempts 5: four 422, one 429, the verification failed", async () => {
    const t = await newTenant({ maxAttempts: 5, rateLimits: { verifiesPerRecipient: 1000 } });
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    const code = await readCode(t.test, recipient);
    const wrong = code === "000000" ? "111111" : "000000";
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: sent.body.id, code: wrong } })),
    );
    const byStatus = (s: number) => responses.filter((r) => r.status === s);
    expect(byStatus(422)).toHaveLength(4);
    expect(byStatus(429)).toHaveLength(1);
    expect(byStatus(429)[0]!.body.code).toBe("too_many_attempts");
    expect(byStatus(410)).toHaveLength(3);
    for (const r of byStatus(410)) expect(r.body.code).toBe("failed");
    const status = await api("GET", `/api/v1/otp/${sent.body.id}`, { key: t.test });
    expect(status.body).toMatchObject({ status: "failed", attempts: 5 });
    const prisma = await db();
    expect(await prisma.verifyAttempt.count({ where: { verificationId: sent.body.id } })).toBe(5);
  });
});
