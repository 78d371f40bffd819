import { beforeAll, describe, expect, it, vi } from "vitest";
import { api, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";
import { outboxCode, recordedSource, warmUp, wrongCode } from "./compat-helpers";

/**
 * chat-otp (reference 004): `POST /{instance}/otp/request` with `Authorization: Bearer` and the
 * document's parameters (chatId `<digits>@c.us`, length, useLetter, useNumber, allCapital, name,
 * expires), its response fields (uuid, chat_id, code, status, otp_type, expires_at, created_at) and
 * statuses (pending, sent, validated, expired); validate and list.
 */
const chatIdOf = (e164: string) => `${e164.slice(1)}@c.us`;
const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}`, "Content-Type": "application/json" });
const whatsappApp = { channels: ["whatsapp", "sms"] as Array<"whatsapp" | "sms"> };

// `next dev` compiles each route on first use, slowly on a busy machine: the first calls get time.
vi.setConfig({ testTimeout: 120_000 });

beforeAll(() => warmUp([["POST", "/compat/chat-otp/app_x/otp/request"], ["POST", "/compat/chat-otp/app_x/otp/validate"], ["GET", "/compat/chat-otp/app_x/otp"], ["GET", "/compat/chat-otp/app_x/otp/ver_x"]]));

async function requested(body: Record<string, unknown>, settings: Parameters<typeof newTenant>[0] = {}) {
  const t = await newTenant({ ...whatsappApp, ...settings });
  const recipient = randomMobile();
  const response = await api("POST", `/compat/chat-otp/${t.appId}/otp/request`, { headers: bearer(t.test.secret), body: { chatId: chatIdOf(recipient), ...body } });
  return { t, recipient, response };
}

describe("chat-otp: the reference's examples", () => {
  it("request answers the document's fields (no code), validate turns it validated, list shows it", async () => {
    const { t, recipient, response } = await requested({ length: 6, useLetter: false, useNumber: true, allCapital: false, name: "Acme", expires: 1800 });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ uuid: expect.stringMatching(/^ver_/), chat_id: chatIdOf(recipient), otp_type: "code" });
    expect(["pending", "sent"]).toContain(response.body.status);
    expect(response.body).not.toHaveProperty("code");
    expect(Date.parse(response.body.expires_at) - Date.parse(response.body.created_at)).toBe(1800_000);
    const code = await outboxCode(t.test, recipient);
    expect(code).toMatch(/^\d{6}$/);
    const validated = await api("POST", `/compat/chat-otp/${t.appId}/otp/validate`, { headers: bearer(t.test.secret), body: { uuid: response.body.uuid, code } });
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body).toMatchObject({ uuid: response.body.uuid, status: "validated" });
    const list = await api("GET", `/compat/chat-otp/${t.appId}/otp`, { headers: bearer(t.test.secret) });
    expect(list.body.data[0]).toMatchObject({ uuid: response.body.uuid, status: "validated" });
    const one = await api("GET", `/compat/chat-otp/${t.appId}/otp/${response.body.uuid}`, { headers: bearer(t.test.secret) });
    expect(one.body.status).toBe("validated");
    const native = await api("GET", `/api/v1/otp/${response.body.uuid}`, { key: t.test });
    expect(native.body).toMatchObject({ channel: "whatsapp", status: "approved" });
    expect((await recordedSource(t.test, response.body.uuid)).row).toBe("compat:chat-otp");
  });

  it("returns the code only when the app's exposeCode is on", async () => {
    const { response } = await requested({}, { exposeCode: true });
    expect(response.body.code).toMatch(/^\d{6}$/);
  });

  it("letters-only mixed-case codes are compared case-sensitively; all-capital ones accept lower case", async () => {
    const mixed = await requested({ length: 6, useLetter: true, useNumber: false });
    const mixedCode = await outboxCode(mixed.t.test, mixed.recipient);
    expect(mixedCode).toMatch(/^[A-Za-z]{6}$/);
    const swapped = [...mixedCode].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
    const refused = await api("POST", `/compat/chat-otp/${mixed.t.appId}/otp/validate`, { headers: bearer(mixed.t.test.secret), body: { uuid: mixed.response.body.uuid, code: swapped } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: "invalid_code", attempts_remaining: 4 });

    const capital = await requested({ length: 5, useLetter: true, useNumber: false, allCapital: true });
    const capitalCode = await outboxCode(capital.t.test, capital.recipient);
    expect(capitalCode).toMatch(/^[A-Z]{5}$/);
    const accepted = await api("POST", `/compat/chat-otp/${capital.t.appId}/otp/validate`, {
      headers: bearer(capital.t.test.secret),
      body: { chatId: chatIdOf(capital.recipient), code: capitalCode.toLowerCase() },
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body.status).toBe("validated");
  });

  it("refuses a code too short for its alphabet (20 bits), no alphabet at all, and a bad chatId with 422-free 400s naming the field", async () => {
    const short = await requested({ length: 4, useLetter: true, useNumber: false, allCapital: true }, { rateLimits: { sendsPerRecipient: 1 } });
    expect(short.response.status).toBe(400);
    expect(short.response.body.errors).toEqual({ length: [expect.stringContaining("at least 5")] });
    // The refusal spent nothing: the recipient's only send of the window is still there.
    const next = await api("POST", `/compat/chat-otp/${short.t.appId}/otp/request`, {
      headers: bearer(short.t.test.secret),
      body: { chatId: chatIdOf(short.recipient), length: 5, useLetter: true, useNumber: false, allCapital: true },
    });
    expect(next.status, next.text).toBe(200);
    const none = await requested({ useLetter: false, useNumber: false });
    expect(none.response.status).toBe(400);
    expect(Object.keys(none.response.body.errors)).toEqual(["useNumber"]);
    const badChat = await requested({ chatId: "someone@g.us" });
    expect(badChat.response.status).toBe(400);
    expect(Object.keys(badChat.response.body.errors)).toEqual(["chatId"]);
  });

  it("refuses a missing or wrong bearer token with 401, and a wrong code with 422", async () => {
    const { t, recipient, response } = await requested({});
    for (const headers of [{ "Content-Type": "application/json" }, bearer("otpsk_test_nope"), { ...bearer(t.test.secret), Authorization: `Basic ${t.test.secret}` }]) {
      const refused = await api("POST", `/compat/chat-otp/${t.appId}/otp/request`, { headers, body: { chatId: chatIdOf(recipient) } });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ message: "Unauthenticated." });
    }
    const wrong = await api("POST", `/compat/chat-otp/${t.appId}/otp/validate`, { headers: bearer(t.test.secret), body: { uuid: response.body.uuid, code: wrongCode(await outboxCode(t.test, recipient)) } });
    expect(wrong.status).toBe(422);
    const other = await newTenant(whatsappApp);
    const foreign = await api("GET", `/compat/chat-otp/${other.appId}/otp/${response.body.uuid}`, { headers: bearer(t.test.secret) });
    expect(foreign.status).toBe(404);
  });
});
