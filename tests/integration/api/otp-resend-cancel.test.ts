import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant, readCode } from "../../helpers/tenant";

async function started(settings?: Parameters<typeof newTenant>[0]) {
  const t = await newTenant(settings);
  const recipient = randomMobile();
  const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
  return { t, recipient, id: sent.body.id as string, code: await readCode(t.test, recipient) };
}

describe("POST /api/v1/otp/resend", () => {
  it("issues a fresh code on the same id; the old code stops working; attempts are kept", async () => {
    const { t, recipient, id, code } = await started({ resendCooldown: 0 });
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: wrong } })).status).toBe(422);
    const resent = await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id } });
    expect(resent.status, resent.text).toBe(200);
    expect(resent.body).toMatchObject({ id, sendCount: 2, attempts: 1, status: "pending" });
    const newCode = await readCode(t.test, recipient);
    const outbox = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}`, { key: t.test });
    expect(outbox.body.data).toHaveLength(2);
    if (newCode !== code) {
      const old = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } });
      expect(old.status).toBe(422);
      expect(old.body.attemptsRemaining).toBe(3);
    }
    const ok = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: newCode } });
    expect(ok.status).toBe(200);
  });

  it("before resendAvailableAt answers 429 rate_limited with Retry-After in seconds", async () => {
    const { t, id } = await started();
    const response = await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id } });
    const problem = expectProblem(response, 429, "rate_limited");
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(problem.retryAfter).toBe(retryAfter);
  });

  it("after maxSends sends in one verification answers 429 rate_limited", async () => {
    const { t, id } = await started({ resendCooldown: 0, maxSends: 3, rateLimits: { sendsPerRecipient: 100 } });
    expect((await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id } })).status).toBe(200);
    expect((await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id } })).status).toBe(200);
    expectProblem(await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id } }), 429, "rate_limited");
    expect((await api("GET", `/api/v1/otp/${id}`, { key: t.test })).body.sendCount).toBe(3);
  });

  it("on an approved verification answers 409, on an expired one 410", async () => {
    const { t, id, code } = await started({ resendCooldown: 0 });
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } })).status).toBe(200);
    expectProblem(await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id } }), 409, "already_verified");
    const other = await started({ resendCooldown: 0 });
    const prisma = await db();
    await prisma.verification.update({ where: { id: other.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expectProblem(await api("POST", "/api/v1/otp/resend", { key: other.t.test, body: { id: other.id } }), 410, "expired");
  });
});

describe("POST /api/v1/otp/cancel", () => {
  it("cancels: the code stops working, and canceling again answers the same", async () => {
    const { t, id, code } = await started();
    const canceled = await api("POST", "/api/v1/otp/cancel", { key: t.test, body: { id } });
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("canceled");
    expect((await api("POST", "/api/v1/otp/cancel", { key: t.test, body: { id } })).body.status).toBe("canceled");
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } }), 410, "canceled");
  });

  it("on an approved verification answers 409 already_verified", async () => {
    const { t, id, code } = await started();
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } })).status).toBe(200);
    expectProblem(await api("POST", "/api/v1/otp/cancel", { key: t.test, body: { id } }), 409, "already_verified");
  });
});

describe("GET /api/v1/otp/status and /api/v1/otp/{id}", () => {
  it("both return the verification object", async () => {
    const { t, id } = await started();
    const a = await api("GET", `/api/v1/otp/status?id=${id}`, { key: t.test });
    const b = await api("GET", `/api/v1/otp/${id}`, { key: t.test });
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    expect(a.body).not.toHaveProperty("code");
    expect(a.body).not.toHaveProperty("codeHash");
  });

  it("status without id → 400; unknown id → 404", async () => {
    const t = await newTenant();
    expectProblem(await api("GET", "/api/v1/otp/status", { key: t.test }), 400, "invalid_request");
    expectProblem(await api("GET", "/api/v1/otp/ver_nope", { key: t.test }), 404, "not_found");
  });
});
