import { describe, expect, it } from "vitest";
import { api, expectProblem } from "../../helpers/api";
import { newTenant, readCode } from "../../helpers/tenant";

const ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩";
const toArabicIndic = (digits: string) => digits.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]!);
const latestBody = async (key: { keyId: string; secret: string }, recipient: string) =>
  (await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, { key })).body.data[0].body as string;

describe("real users' input", () => {
  it("a right code typed in Arabic-Indic digits is approved and costs no attempt", async () => {
    const t = await newTenant();
    const recipient = "+5511987652001";
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } });
    expect(sent.status).toBe(201);
    const code = await readCode(t.test, recipient);
    const verified = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: sent.body.id, code: toArabicIndic(code) } });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body.valid).toBe(true);
    expect(verified.body.verification.attempts).toBe(0);
  });

  it.each([
    ["Arabic-Indic digits", { recipient: "+20 ١٠٠ ١٢٣ ٤٥٦٧" }, "+201001234567"],
    ["full-width digits and plus", { recipient: "＋８１ ９０ １２３４ ５６７８" }, "+819012345678"],
  ])("a number in %s is read like ASCII digits", async (_, body, e164) => {
    const t = await newTenant();
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.recipient).toBe(e164);
  });

  it.each(["+44", "44", "GB"])("0044 7400 123456 with countryCode %s is the same number", async (countryCode) => {
    const t = await newTenant();
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { phoneNumber: "0044 7400 123456", countryCode } });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.recipient).toBe("+447400123456");
  });

  it("a number of another country than countryCode is refused", async () => {
    const t = await newTenant();
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: t.test, body: { phoneNumber: "0033 6 12 34 56 78", countryCode: "+44" } }),
      400,
      "invalid_phone_number",
    );
  });

  it("the app's own default-locale template beats a built-in text guessed from the country (+49)", async () => {
    const t = await newTenant();
    const own = "Acme: {{code}} is your code";
    expect((await api("POST", `/api/v1/apps/${t.appId}/templates`, { key: t.test, body: { channel: "sms", locale: "en", body: own } })).status).toBe(201);
    const recipient = "+4915123456789";
    expect((await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } })).status).toBe(201);
    expect(await latestBody(t.test, recipient)).toMatch(/^Acme: \w+ is your code/);
  });

  it("the app's own `pt` template beats the built-in pt-BR for locale pt-BR", async () => {
    const t = await newTenant();
    expect(
      (await api("POST", `/api/v1/apps/${t.appId}/templates`, { key: t.test, body: { channel: "sms", locale: "pt", body: "Meu app: {{code}}" } })).status,
    ).toBe(201);
    const recipient = "+5511987652002";
    expect((await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient, locale: "pt-BR" } })).status).toBe(201);
    expect(await latestBody(t.test, recipient)).toMatch(/^Meu app: /);
  });
});
