import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";
import { outboxCode, recordedSource, warmUp, wrongCode } from "./compat-helpers";

/**
 * campaign (reference 003): the document's two example URLs replayed as they are — every parameter
 * in the query string of a bodiless POST, the credential in `key` — and the same parameters in a
 * body (its tables), with `aid`/`mid` as integers as the document types them. Answers carry the
 * status as a string; a bad key answers the document's `{"status":"400","error":"invalid_user_credentials"}`.
 */
const gen = "/compat/campaign/api/af/otp_gen";
const verify = "/compat/campaign/api/af/otp_verify";
const msisdnOf = (e164: string) => e164.slice(1);

// `next dev` compiles each route on first use, slowly on a busy machine: the first calls get time.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(() => warmUp([["POST", gen], ["POST", verify]]));

describe("campaign: the reference's examples", () => {
  it("otp_gen and otp_verify with every parameter in the query string", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const common = `key=${t.test.secret}&aid=0000&mid=0000&msisdn=${msisdnOf(recipient)}&partner=partnername&userId=xxxx`;
    const sent = await api("POST", `${gen}?${common}`);
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toEqual({ status: "200", response: "otp_sent", data: expect.stringMatching(/^ver_/) });
    const requestId = sent.body.data;
    const code = await outboxCode(t.test, recipient);
    const verified = await api("POST", `${verify}?${common}&request_id=${requestId}&otp=${code}`);
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body).toEqual({ status: "200", response: "otp_verified" });
    // partner, userId, aid and mid are kept as the verification's metadata; the source says campaign.
    const native = await api("GET", `/api/v1/otp/${requestId}`, { key: t.test });
    expect(native.body).toMatchObject({ status: "approved", recipient, metadata: { partner: "partnername", userId: "xxxx", aid: "0000", mid: "0000" } });
    expect((await recordedSource(t.test, requestId)).row).toBe("compat:campaign");
  });

  it("the same parameters in a JSON or form body (aid and mid as integers), verify by msisdn alone", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const sent = await api("POST", `${gen}?key=${t.test.secret}`, {
      body: { type: "pin", aid: 1234, mid: 5678, msisdn: msisdnOf(recipient), partner: "partnername", userId: "u-1" },
    });
    expect(sent.status, sent.text).toBe(200);
    const form = new URLSearchParams({ key: t.test.secret, msisdn: msisdnOf(recipient), otp: await outboxCode(t.test, recipient), aid: "1234", mid: "5678" });
    const verified = await api("POST", verify, { body: form.toString(), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body.response).toBe("otp_verified");
    const native = await api("GET", `/api/v1/otp/${sent.body.data}`, { key: t.test });
    expect(native.body.metadata).toEqual({ type: "pin", aid: "1234", mid: "5678", partner: "partnername", userId: "u-1" });
  });

  it("a missing, wrong or publishable key answers the document's 400 invalid_user_credentials, and sends nothing", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    for (const key of ["", "key=000000000&", `key=${t.publishableKeys.test}&`]) {
      const response = await api("POST", `${gen}?${key}aid=0000&mid=0000&msisdn=${msisdnOf(recipient)}&partner=partnername&userId=xxxx`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ status: "400", error: "invalid_user_credentials" });
    }
    const outbox = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}`, { key: t.test });
    expect(outbox.body.data).toEqual([]);
  });

  it("a wrong otp, an unknown request_id and bad parameters answer in the document's shape with their own status", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const sent = await api("POST", `${gen}?key=${t.test.secret}&msisdn=${msisdnOf(recipient)}`);
    const wrong = await api("POST", `${verify}?key=${t.test.secret}&request_id=${sent.body.data}&otp=${wrongCode(await outboxCode(t.test, recipient))}`);
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ status: "422", error: "invalid_code", attemptsRemaining: 4 });
    const unknown = await api("POST", `${verify}?key=${t.test.secret}&request_id=ver_nope&otp=123456`);
    expect(unknown.body).toMatchObject({ status: "404", error: "not_found" });
    const otherNumber = await api("POST", `${verify}?key=${t.test.secret}&request_id=${sent.body.data}&msisdn=${msisdnOf(randomMobile())}&otp=123456`);
    expect(otherNumber.status).toBe(404);
    const bad = await api("POST", `${gen}?key=${t.test.secret}&msisdn=12`);
    expect(bad.body).toMatchObject({ status: "400", error: "invalid_phone_number" });
    const noOtp = await api("POST", `${verify}?key=${t.test.secret}&request_id=${sent.body.data}`);
    expect(noOtp.body).toMatchObject({ status: "400", error: "invalid_request" });
    const wrongType = await api("POST", `${gen}?key=${t.test.secret}`, { body: "msisdn=1", headers: { "Content-Type": "text/plain" } });
    expect(wrongType.status).toBe(415);
  });
});
