import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";
import { nationalOf, outboxCode, outboxCount, recordedSource, warmUp, wrongCode } from "./compat-helpers";

/**
 * user-auth (reference 001): register / verify / resend with the document's headers
 * (`Content-Type`, `user-jwt-token`) and body fields, in its value types: verify sends `authCode`
 * and `otp` as JSON numbers, as the document's example does. The document's example numbers
 * ("1234567890" in country "XX", authCode 1234) cannot be used as they are: "XX" is a placeholder
 * and an authCode is an unguessable handle the register answer returns (15 digits, which a JSON
 * number carries exactly), so the replay uses a real number and the authCode we were given, as a
 * number. The resend example's own values ("9876543219", "+91") are used unchanged.
 */
const base = "/compat/user-auth/fe/users/auth/otp";
const headers = (secret: string) => ({ "Content-Type": "application/json", "user-jwt-token": secret });

// `next dev` compiles each route on first use, slowly on a busy machine: the first calls get time.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(() => warmUp([["POST", `${base}/register`], ["POST", `${base}/verify`], ["POST", `${base}/resend`]]));

async function registered(settings?: Parameters<typeof newTenant>[0]) {
  const t = await newTenant({ resendCooldown: 0, ...settings });
  const recipient = randomMobile();
  const phone = { phone_number: nationalOf(recipient), countryCode: "BR" };
  const register = await api("POST", `${base}/register`, { headers: headers(t.test.secret), body: phone });
  expect(register.status, register.text).toBe(200);
  return { t, recipient, phone, register };
}

describe("user-auth: the reference's examples", () => {
  it("register answers 200 {authCode, isNewUser}; verify with authCode and otp as numbers answers 200 {message}", async () => {
    const { t, recipient, phone, register } = await registered();
    expect(Object.keys(register.body).sort()).toEqual(["authCode", "isNewUser"]);
    expect(register.body.authCode).toMatch(/^[1-9]\d{14}$/);
    expect(register.body.isNewUser).toBe(true);
    const code = await outboxCode(t.test, recipient);
    const verify = await api("POST", `${base}/verify`, {
      headers: headers(t.test.secret),
      body: { ...phone, authCode: Number(register.body.authCode), otp: Number(code) },
    });
    expect(verify.status, verify.text).toBe(200);
    expect(verify.body).toEqual({ message: "Phone number verified successfully" });
    // A number that has been verified is no longer new.
    const again = await api("POST", `${base}/register`, { headers: headers(t.test.secret), body: phone });
    expect(again.body.isNewUser).toBe(false);
    const id = (await api("GET", `/api/v1/otp/list?recipient=${encodeURIComponent(recipient)}&status=approved`, { key: t.test })).body.data[0].id;
    expect((await recordedSource(t.test, id)).row).toBe("compat:user-auth");
  });

  it("resend with the document's own body answers 200 {authCode, isNewUser} and sends a fresh code", async () => {
    const t = await newTenant({ resendCooldown: 0 });
    const example = { phone_number: "9876543219", countryCode: "+91" };
    const register = await api("POST", `${base}/register`, { headers: headers(t.test.secret), body: example });
    expect(register.status, register.text).toBe(200);
    const first = await outboxCode(t.test, "+919876543219");
    const resend = await api("POST", `${base}/resend`, { headers: headers(t.test.secret), body: example });
    expect(resend.status, resend.text).toBe(200);
    expect(resend.body).toEqual({ authCode: register.body.authCode, isNewUser: true });
    expect(await outboxCount(t.test, "+919876543219")).toBe(2);
    const second = await outboxCode(t.test, "+919876543219");
    // Strings are accepted as well as numbers; the previous code no longer works.
    if (first !== second) {
      const old = await api("POST", `${base}/verify`, { headers: headers(t.test.secret), body: { ...example, authCode: resend.body.authCode, otp: first } });
      expect(old.status).toBe(422);
    }
    const verify = await api("POST", `${base}/verify`, { headers: headers(t.test.secret), body: { ...example, authCode: resend.body.authCode, otp: second } });
    expect(verify.status, verify.text).toBe(200);
  });

  it("refuses a missing or wrong user-jwt-token with 401 UN_AUTHORIZED", async () => {
    for (const token of [undefined, "otpsk_test_nope", "eyJhbGciOiJIUzI1NiJ9.e30.x"]) {
      const response = await api("POST", `${base}/register`, {
        headers: { "Content-Type": "application/json", ...(token ? { "user-jwt-token": token } : {}) },
        body: { phone_number: "9876543219", countryCode: "+91" },
      });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: "UN_AUTHORIZED", message: "UN_AUTHORIZED" });
    }
  });

  it("verify needs the authCode of the pending verification: another one is refused and counts no attempt", async () => {
    const { t, recipient, phone, register } = await registered();
    const code = await outboxCode(t.test, recipient);
    const forged = String(BigInt(register.body.authCode) + 1n);
    for (const authCode of [1234, forged, Number(forged)]) {
      const response = await api("POST", `${base}/verify`, { headers: headers(t.test.secret), body: { ...phone, authCode, otp: code } });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe("INVALID_REQUEST");
      expect(response.body.errors[0].path).toBe("authCode");
    }
    const native = await api("GET", `/api/v1/otp/list?recipient=${encodeURIComponent(recipient)}`, { key: t.test });
    expect(native.body.data[0]).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("a wrong otp answers 422 INVALID_OTP with the attempts left; a number without a pending code answers 404", async () => {
    const { t, recipient, phone, register } = await registered();
    const wrong = await api("POST", `${base}/verify`, {
      headers: headers(t.test.secret),
      body: { ...phone, authCode: register.body.authCode, otp: wrongCode(await outboxCode(t.test, recipient)) },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: "INVALID_OTP", attemptsRemaining: 4 });
    const none = await api("POST", `${base}/resend`, { headers: headers(t.test.secret), body: { phone_number: nationalOf(randomMobile()), countryCode: "BR" } });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe("NOT_FOUND");
  });

  it("refuses bad input with 400, never 500", async () => {
    const t = await newTenant();
    for (const body of ["{", { phone_number: "1", countryCode: "BR" }, { phone_number: true, countryCode: "BR" }, { countryCode: "BR" }]) {
      const response = await api("POST", `${base}/register`, { headers: headers(t.test.secret), body });
      expect(response.status, response.text).toBe(400);
    }
  });
});
