import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant, readCode } from "../../helpers/tenant";

async function started() {
  const t = await newTenant();
  const recipient = randomMobile();
  const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
  return { t, recipient, id: sent.body.id as string, code: await readCode(t.test, recipient) };
}

describe("POST /api/v1/otp/verify errors", () => {
  it("the key is answered before the body: a bad key is 401 whatever the body, a good key with a bad body 400", async () => {
    const t = await newTenant();
    // The real secret with its last character changed (to another one: a secret may end in "x").
    const last = t.test.secret.at(-1) === "x" ? "y" : "x";
    const badKey = { keyId: t.test.keyId, secret: `${t.test.secret.slice(0, -1)}${last}` };
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: badKey, body: '{"id": "ver_' }), 401, "unauthorized");
    expectProblem(await api("POST", "/api/v1/otp/verify", { body: { code: 123 } }), 401, "unauthorized");
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: '{"id": "ver_' }), 400, "invalid_request");
    const invalid = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { code: 123 } });
    expectProblem(invalid, 400, "invalid_request");
    expect(invalid.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
  });

  it("a code works once: a second verify answers 409 already_verified", async () => {
    const { t, id, code } = await started();
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } })).status).toBe(200);
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } }), 409, "already_verified");
  });

  it("an expired verification answers 410 expired, and its status reads expired", async () => {
    const { t, id, code } = await started();
    const prisma = await db();
    await prisma.verification.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } }), 410, "expired");
    expect((await api("GET", `/api/v1/otp/${id}`, { key: t.test })).body.status).toBe("expired");
    const events = await prisma.event.findMany({ where: { verificationId: id, type: "verification.expired" } });
    expect(events).toHaveLength(1);
  });

  it("a canceled verification answers 410 canceled", async () => {
    const { t, id, code } = await started();
    expect((await api("POST", "/api/v1/otp/cancel", { key: t.test, body: { id } })).status).toBe(200);
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } }), 410, "canceled");
  });

  it("verify by recipient with nothing pending → 404", async () => {
    const t = await newTenant();
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { recipient: randomMobile(), code: "123456" } }), 404, "not_found");
  });

  it.each([
    ["a numeric code", { code: 123456 }],
    ["no code", {}],
    ["an empty code", { code: "" }],
  ])("%s → 400 invalid_request", async (_, extra) => {
    const { t, id } = await started();
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, ...extra } }), 400, "invalid_request");
  });

  it("a malformed or unknown id → 404", async () => {
    const t = await newTenant();
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: "'; DROP TABLE x; --", code: "1" } }), 404, "not_found");
    expectProblem(await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: "ver_01jabcdefghjkmnpqrstvwxyz0", code: "1" } }), 404, "not_found");
  });
});
