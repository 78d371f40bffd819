import { describe, expect, it } from "vitest";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, readCode } from "../../helpers/tenant";

async function started(settings?: Parameters<typeof newTenant>[0], body: Record<string, unknown> = {}) {
  const t = await newTenant(settings);
  const recipient = randomMobile();
  const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient, ...body } });
  if (sent.status !== 201) throw new Error(sent.text);
  return { t, recipient, id: sent.body.id as string, code: await readCode(t.test, recipient) };
}

describe("POST /api/v1/otp/verify", () => {
  it("approves the right code by id", async () => {
    const { t, id, code } = await started();
    const response = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } });
    expect(response.status, response.text).toBe(200);
    expect(response.body.valid).toBe(true);
    expect(response.body.verification).toMatchObject({ id, status: "approved", attempts: 0 });
    expect(Date.parse(response.body.verification.verifiedAt)).toBeGreaterThan(Date.now() - 60_000);
    const status = await api("GET", `/api/v1/otp/status?id=${id}`, { key: t.test });
    expect(status.body.status).toBe("approved");
  });

  it("approves by recipient (any spelling), checking the newest pending verification of the app", async () => {
    const { t, recipient, id, code } = await started();
    const spaced = `${recipient.slice(0, 3)} ${recipient.slice(3, 5)} ${recipient.slice(5)}`;
    const response = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { appId: t.appId, recipient: spaced, code } });
    expect(response.status, response.text).toBe(200);
    expect(response.body.verification.id).toBe(id);
  });

  it("ignores spaces and dashes the user typed", async () => {
    const { t, id, code } = await started();
    const typed = `${code.slice(0, 3)} - ${code.slice(3)}`;
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: typed } })).status).toBe(200);
  });

  it("compares alphanumeric codes case-insensitively", async () => {
    const { t, id, code } = await started(undefined, { alphabet: "alphanumeric" });
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: code.toLowerCase() } })).status).toBe(200);
  });

  it("a wrong code counts an attempt and tells how many remain; the right code still works after", async () => {
    const { t, id, code } = await started();
    const wrong = code === "000000" ? "111111" : "000000";
    const first = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: wrong } });
    expect(first.status).toBe(422);
    expect(first.body).toMatchObject({ code: "invalid_code", attemptsRemaining: 4 });
    const second = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: wrong } });
    expect(second.body.attemptsRemaining).toBe(3);
    const right = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } });
    expect(right.status).toBe(200);
    expect(right.body.verification.attempts).toBe(2);
  });

  it("the maxAttempts-th wrong code answers 429 too_many_attempts and the verification is failed", async () => {
    const { t, id, code } = await started({ maxAttempts: 2 });
    const wrong = code === "000000" ? "111111" : "000000";
    expect((await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: wrong } })).status).toBe(422);
    const last = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: wrong } });
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ code: "too_many_attempts", attemptsRemaining: 0 });
    const after = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } });
    expect(after.status).toBe(410);
    expect(after.body.code).toBe("failed");
    expect((await api("GET", `/api/v1/otp/${id}`, { key: t.test })).body.status).toBe("failed");
  });
});
