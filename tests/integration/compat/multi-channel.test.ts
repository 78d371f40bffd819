import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, authHeaders, randomMobile, type AuthForm } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";
import { outboxCode, recordedSource, warmUp, wrongCode } from "./compat-helpers";

/**
 * multi-channel (reference 002): the document's "Example Usage" requests replayed as they are
 * (`appid`, `recipient`, `channel`, `from`; `appid`, `recipient`, `otp_code`, `verification_id`),
 * with each of its authentication methods (X-API-Key + X-API-Secret, Basic, Bearer), and its
 * management endpoints with snake_case parameters.
 */
const base = "/compat/multi-channel/otp";
const READS = ["status", "list", "logs", "rate-limits", "attempts", "reports"];

// `next dev` compiles each route on first use, slowly on a busy machine: the first calls get time.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(() => warmUp([...["send", "verify", "resend"].map((r): [string, string] => ["POST", `${base}/${r}`]), ...READS.map((r): [string, string] => ["GET", `${base}/${r}`])]));

describe("multi-channel: the reference's examples", () => {
  it.each<AuthForm>(["pair", "basic", "bearer"])("Send OTP and Verify OTP as documented, authenticated with %s", async (form) => {
    const t = await newTenant();
    const recipient = randomMobile();
    const headers = { "Content-Type": "application/json", ...authHeaders(t.test, form) };
    const send = await api("POST", `${base}/send`, { headers, body: { appid: t.appId, recipient, channel: "sms", from: "YourApp" } });
    expect(send.status, send.text).toBe(200);
    expect(send.body).toMatchObject({ success: true, verification_id: expect.stringMatching(/^ver_/), status: "pending", channel: "sms", recipient });
    expect(send.body).not.toHaveProperty("code");
    const verify = await api("POST", `${base}/verify`, {
      headers,
      body: { appid: t.appId, recipient, otp_code: await outboxCode(t.test, recipient), verification_id: send.body.verification_id },
    });
    expect(verify.status, verify.text).toBe(200);
    expect(verify.body).toMatchObject({ success: true, valid: true, verification_id: send.body.verification_id, status: "approved" });
    expect(verify.body.verified_at).toEqual(expect.any(String));
    expect((await recordedSource(t.test, send.body.verification_id)).events.every((e) => e.source === "compat:multi-channel")).toBe(true);
  });

  it("a wrong otp_code answers 422 {success: false, valid: false, error: {code, message, attempts_remaining}}", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const key = { key: t.test };
    const send = await api("POST", `${base}/send`, { ...key, body: { appid: t.appId, recipient } });
    const verify = await api("POST", `${base}/verify`, { ...key, body: { verification_id: send.body.verification_id, otp_code: wrongCode(await outboxCode(t.test, recipient)) } });
    expect(verify.status).toBe(422);
    expect(verify.body).toMatchObject({ success: false, valid: false, error: { code: "invalid_code", message: expect.any(String), attempts_remaining: 4 } });
    // A recipient that is not the verification's is refused like an unknown id.
    const other = await api("POST", `${base}/verify`, { ...key, body: { recipient: randomMobile(), verification_id: send.body.verification_id, otp_code: "123456" } });
    expect(other.status).toBe(404);
  });

  it("resend and the management endpoints answer with snake_case fields", async () => {
    const t = await newTenant({ resendCooldown: 0 });
    const recipient = randomMobile();
    const key = { key: t.test };
    const send = await api("POST", `${base}/send`, { ...key, body: { appid: t.appId, recipient, external_id: "user-42", metadata: { planId: "p1" } } });
    const id = send.body.verification_id;
    const resend = await api("POST", `${base}/resend`, { ...key, body: { verification_id: id } });
    expect(resend.status, resend.text).toBe(200);
    expect(resend.body).toMatchObject({ success: true, verification_id: id, send_count: 2, external_id: "user-42", metadata: { planId: "p1" } });
    await api("POST", `${base}/verify`, { ...key, body: { verification_id: id, otp_code: wrongCode(await outboxCode(t.test, recipient)) } });

    const status = await api("GET", `${base}/status?verification_id=${id}`, key);
    expect(status.body).toMatchObject({ success: true, verification_id: id, status: "pending", attempts: 1, max_attempts: 5 });
    const list = await api("GET", `${base}/list?appid=${t.appId}&external_id=user-42&limit=5`, key);
    expect(list.body).toMatchObject({ success: true, next_cursor: null });
    expect(list.body.data.map((v: { id: string }) => v.id)).toEqual([id]);
    const logs = await api("GET", `${base}/logs?verification_id=${id}`, key);
    expect(logs.body.data.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["verification.created", "verification.resent"]));
    expect(logs.body.data[0]).toHaveProperty("verification_id", id);
    const limits = await api("GET", `${base}/rate-limits?appid=${t.appId}&recipient=${encodeURIComponent(recipient)}`, key);
    expect(limits.status, limits.text).toBe(200);
    expect(limits.body.data.length).toBeGreaterThan(0);
    const attempts = await api("GET", `${base}/attempts?verification_id=${id}`, key);
    expect(attempts.body).toMatchObject({ success: true, verification_id: id, data: [{ success: false, reason: "invalid_code" }] });
    const reports = await api("GET", `${base}/reports?appid=${t.appId}&group_by=channel`, key);
    expect(reports.status, reports.text).toBe(200);
    expect(reports.body.totals).toMatchObject({ sent: 1, conversion_rate: 0 });
  });

  it("refuses a missing or wrong credential with 401 and bad input with 400, in its error shape", async () => {
    const t = await newTenant();
    const noKey = await api("POST", `${base}/send`, { body: { appid: t.appId, recipient: randomMobile() } });
    expect(noKey.status).toBe(401);
    expect(noKey.body).toMatchObject({ success: false, error: { code: "unauthorized" } });
    const wrong = await api("GET", `${base}/status?verification_id=ver_x`, { headers: { "X-API-Key": t.test.keyId, "X-API-Secret": "otpsk_test_wrong" } });
    expect(wrong.status).toBe(401);
    const bad = await api("POST", `${base}/send`, { key: t.test, body: { appid: t.appId, recipient: randomMobile(), code_length: 99 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid_request", errors: [{ path: "codeLength" }] });
    const unknown = await api("GET", `${base}/status?verification_id=ver_01jz0000000000000000000000`, { key: t.test });
    expect(unknown.status).toBe(404);
  });
});
