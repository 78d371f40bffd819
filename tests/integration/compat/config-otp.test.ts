import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";
import { nationalOf, outboxCode, recordedSource, warmUp, wrongCode } from "./compat-helpers";

/**
 * config-otp (reference 000): the document's own requests replayed — `POST /otp/{config}/sendOTP`
 * and `POST /otp/{id}/verifyOTP` with `Content-Type` and `X-API-KEY`, the body fields it lists — with
 * its answers (`201 {"id","message"}`, `200 {"id","message"}`) and its refusal shape
 * (`{"timestamp","status","error","path"}`).
 */
const headers = (secret: string) => ({ "Content-Type": "application/json", "X-API-KEY": secret });

async function sent(settings?: Parameters<typeof newTenant>[0]) {
  const t = await newTenant(settings);
  const recipient = randomMobile();
  const send = await api("POST", `/compat/config-otp/otp/${t.appId}/sendOTP`, {
    headers: headers(t.test.secret),
    body: { name: "Asha", mobileNumber: nationalOf(recipient), countryCode: "55" },
  });
  expect(send.status, send.text).toBe(201);
  return { t, recipient, id: send.body.id as string, send };
}

function expectReferenceError(response: { status: number; body: any }, status: number, path: string) {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({ status, error: expect.any(String), path });
  expect(Number.isNaN(Date.parse(response.body.timestamp))).toBe(false);
}

// `next dev` compiles each route on first use, slowly on a busy machine: the first calls get time.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(() =>
  warmUp([
    ["POST", "/compat/config-otp/otp/app_x/sendOTP"],
    ["POST", "/compat/config-otp/otp/ver_x/verifyOTP"],
  ]),
);

describe("config-otp: the reference's examples", () => {
  it("Send OTP answers 201 {id, message: success}; Verify OTP with that id answers 200 {id, message: success}", async () => {
    const { t, recipient, id, send } = await sent();
    expect(send.body).toEqual({ id, message: "success" });
    const verify = await api("POST", `/compat/config-otp/otp/${id}/verifyOTP`, {
      headers: headers(t.test.secret),
      body: { otp: await outboxCode(t.test, recipient), mobileNumber: nationalOf(recipient), countryCode: "55" },
    });
    expect(verify.status, verify.text).toBe(200);
    expect(verify.body).toEqual({ id, message: "success" });
    const native = await api("GET", `/api/v1/otp/${id}`, { key: t.test });
    expect(native.body).toMatchObject({ status: "approved", recipient });
    // The engine says which style the call came through, on the row and in every event.
    const source = await recordedSource(t.test, id);
    expect(source.row).toBe("compat:config-otp");
    expect(source.events.map((e) => e.type)).toEqual(expect.arrayContaining(["verification.created", "verification.approved"]));
    for (const event of source.events) expect(event.source).toBe("compat:config-otp");
  });

  it("a wrong code answers the reference's 403 body, with the attempts left", async () => {
    const { t, recipient, id } = await sent();
    const path = `/compat/config-otp/otp/${id}/verifyOTP`;
    const wrong = await api("POST", path, { headers: headers(t.test.secret), body: { otp: wrongCode(await outboxCode(t.test, recipient)) } });
    expectReferenceError(wrong, 403, path);
    expect(wrong.body).toMatchObject({ error: "Forbidden", code: "invalid_code", attemptsRemaining: 4 });
  });

  it("a verification that can no longer be verified answers 410 in the same shape", async () => {
    const { t, recipient, id } = await sent({ maxAttempts: 1 });
    const path = `/compat/config-otp/otp/${id}/verifyOTP`;
    const code = await outboxCode(t.test, recipient);
    expectReferenceError(await api("POST", path, { headers: headers(t.test.secret), body: { otp: wrongCode(code) } }), 403, path);
    const after = await api("POST", path, { headers: headers(t.test.secret), body: { otp: code } });
    expectReferenceError(after, 410, path);
    expect(after.body).toMatchObject({ error: "Gone", code: "failed" });
  });

  it("refuses a missing, a wrong and a publishable X-API-KEY with 401, and sends nothing", async () => {
    const t = await newTenant();
    const path = `/compat/config-otp/otp/${t.appId}/sendOTP`;
    const body = { name: "Asha", mobileNumber: nationalOf(randomMobile()), countryCode: "55" };
    for (const key of [undefined, "otpsk_test_wrong", t.publishableKeys.test]) {
      const response = await api("POST", path, { headers: { "Content-Type": "application/json", ...(key ? { "X-API-KEY": key } : {}) }, body });
      expectReferenceError(response, 401, path);
      expect(response.body.error).toBe("Unauthorized");
      expect(response.headers.get("ratelimit-limit")).not.toBeNull();
    }
  });

  it("answers 404 for another tenant's config id, and for a number that is not the verification's", async () => {
    const other = await newTenant();
    const { t, id } = await sent();
    const foreign = `/compat/config-otp/otp/${other.appId}/sendOTP`;
    expectReferenceError(
      await api("POST", foreign, { headers: headers(t.test.secret), body: { mobileNumber: nationalOf(randomMobile()), countryCode: "55" } }),
      404,
      foreign,
    );
    const path = `/compat/config-otp/otp/${id}/verifyOTP`;
    expectReferenceError(
      await api("POST", path, { headers: headers(t.test.secret), body: { otp: "123456", mobileNumber: nationalOf(randomMobile()), countryCode: "55" } }),
      404,
      path,
    );
  });

  it("refuses bad input with 400 in the reference's shape, never 500", async () => {
    const t = await newTenant();
    const path = `/compat/config-otp/otp/${t.appId}/sendOTP`;
    expectReferenceError(await api("POST", path, { headers: headers(t.test.secret), body: "{not json" }), 400, path);
    expectReferenceError(await api("POST", path, { headers: headers(t.test.secret), body: { mobileNumber: "12", countryCode: "55" } }), 400, path);
    expectReferenceError(await api("POST", path, { headers: headers(t.test.secret), body: { mobileNumber: "9\u0000", countryCode: "55" } }), 400, path);
  });

  it("returns the code only when the app's exposeCode is on", async () => {
    const { send } = await sent({ exposeCode: true });
    expect(send.body.code).toMatch(/^\d{6}$/);
  });
});
