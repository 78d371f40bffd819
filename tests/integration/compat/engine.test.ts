import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, randomMobile } from "../../helpers/api";
import { liveTenant } from "../../helpers/providers/live-tenant";
import { newTenant } from "../../helpers/tenant";
import { nationalOf, outboxCode, warmUp } from "./compat-helpers";

/**
 * The compatibility routes are translations, not a second engine: what they start lands in the
 * same reports, outbox and event log as a native call, the same limits refuse them, and the
 * test/live wall holds through them.
 */
// `next dev` compiles each route on first use, slowly on a busy machine: the first calls get time.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(() =>
  warmUp([
    ["POST", "/compat/campaign/api/af/otp_gen"],
    ["POST", "/compat/config-otp/otp/app_x/sendOTP"],
    ["GET", "/api/v1/otp/reports"],
  ]),
);

describe("compat calls and the native engine", () => {
  it("land in the same reports, outbox and event log as native calls", async () => {
    const t = await newTenant();
    const native = randomMobile();
    const compat = randomMobile();
    expect((await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: native } })).status).toBe(201);
    const sent = await api("POST", `/compat/campaign/api/af/otp_gen?key=${t.test.secret}&msisdn=${compat.slice(1)}`);
    expect(sent.status, sent.text).toBe(200);
    const verified = await api("POST", `/compat/campaign/api/af/otp_verify?key=${t.test.secret}&request_id=${sent.body.data}&otp=${await outboxCode(t.test, compat)}`);
    expect(verified.status, verified.text).toBe(200);

    const report = await api("GET", `/api/v1/otp/reports?appId=${t.appId}`, { key: t.test });
    expect(report.body.totals).toMatchObject({ sent: 2, approved: 1 });
    const created = await api("GET", `/api/v1/otp/logs?type=verification.created`, { key: t.test });
    expect(created.body.data).toHaveLength(2);
    expect(created.body.data.map((e: { data: { source?: string } }) => e.data.source ?? "api").sort()).toEqual(["api", "compat:campaign"]);
  });

  it("the same per-recipient send limit refuses a compat send, in the style's shape with Retry-After and RateLimit headers", async () => {
    const t = await newTenant({ rateLimits: { sendsPerRecipient: 1 } });
    const recipient = randomMobile();
    expect((await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } })).status).toBe(201);
    const refused = await api("POST", `/compat/config-otp/otp/${t.appId}/sendOTP`, {
      headers: { "X-API-KEY": t.test.secret },
      body: { mobileNumber: nationalOf(recipient), countryCode: "55" },
    });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ status: 429, error: "Too Many Requests", code: "rate_limited" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("a test key cannot touch a live verification through any style", async () => {
    const t = await liveTenant();
    const recipient = randomMobile();
    const live = await api("POST", "/api/v1/otp/send", { key: t.live, body: { recipient } });
    expect(live.status, live.text).toBe(201);
    const id = live.body.id;
    const secret = t.test.secret;
    const attempts = [
      api("POST", `/compat/config-otp/otp/${id}/verifyOTP`, { headers: { "X-API-KEY": secret }, body: { otp: "123456" } }),
      api("POST", "/compat/multi-channel/otp/verify", { key: t.test, body: { verification_id: id, otp_code: "123456" } }),
      api("POST", "/compat/multi-channel/otp/resend", { key: t.test, body: { verification_id: id } }),
      api("GET", `/compat/multi-channel/otp/status?verification_id=${id}`, { key: t.test }),
      api("POST", `/compat/campaign/api/af/otp_verify?key=${secret}&request_id=${id}&otp=123456`),
      api("POST", `/compat/campaign/api/af/otp_verify?key=${secret}&msisdn=${recipient.slice(1)}&otp=123456`),
      api("POST", "/compat/user-auth/fe/users/auth/otp/resend", { headers: { "user-jwt-token": secret }, body: { phone_number: nationalOf(recipient), countryCode: "BR" } }),
      api("GET", `/compat/chat-otp/${t.appId}/otp/${id}`, { headers: { Authorization: `Bearer ${secret}` } }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status, response.text).toBe(404);
    const after = await api("GET", `/api/v1/otp/${id}`, { key: t.live });
    expect(after.body).toMatchObject({ status: "pending", attempts: 0, sendCount: 1 });
  });
});
