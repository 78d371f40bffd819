import { decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { rotateSigningKey } from "@/lib/tokens/signing-keys";
import { api, baseUrl, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";
import { EMBEDDING_ORIGIN, outboxCode, solvedPow, widgetApi, widgetToken } from "../../helpers/widget";

// The widget API (CONTRACT §8): publishable key + Origin, proof of work before each send, the
// per-IP limit, ordinary verifications with source "widget" in their events.
describe("widget API", () => {
  let t: TestTenant;
  beforeAll(async () => {
    t = await newTenant({
      allowedOrigins: [EMBEDDING_ORIGIN],
      rateLimits: { widgetSendsPerIp: 1000, sendsPerRecipient: 1000 },
    });
  }, 120_000);

  it("refuses origins that are neither the server nor allowed, and unknown keys", async () => {
    expectProblem(
      await widgetApi(t.publishableKeys.test, "challenge", {}, "https://evil.example"),
      403,
      "forbidden",
    );
    const noOrigin = await api("POST", `/api/widget/${t.publishableKeys.test}/challenge`, { body: {} });
    expectProblem(noOrigin, 403, "forbidden");
    expect((await widgetApi(t.publishableKeys.test, "challenge", {}, new URL(baseUrl()).origin)).status).toBe(
      200,
    );
    expectProblem(await widgetApi("otppk_test_nope", "challenge", {}), 401, "unauthorized");
    // Publishable keys grant nothing on /api/v1.
    expectProblem(
      await api("GET", "/api/v1/otp/list", {
        headers: { Authorization: `Bearer ${t.publishableKeys.test}` },
      }),
      401,
      "unauthorized",
    );
  }, 120_000);

  it("requires a fresh proof of work for each send, bound to the app", async () => {
    const phone = randomMobile();
    expectProblem(await widgetApi(t.publishableKeys.test, "send", { phone }), 400, "invalid_request");
    const pow = await solvedPow(t.publishableKeys.test);
    // The derived key is the proof (its HMAC is in the signed challenge): a guessed one is refused.
    const guessed = pow.solution.derivedKey.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    const wrong = { ...pow, solution: { ...pow.solution, derivedKey: guessed } };
    expectProblem(await widgetApi(t.publishableKeys.test, "send", { phone, pow: wrong }), 403, "forbidden");
    expect((await widgetApi(t.publishableKeys.test, "send", { phone, pow })).status).toBe(201);
    const reused = await widgetApi(t.publishableKeys.test, "send", { phone, pow });
    expectProblem(reused, 403, "forbidden");
    expect(reused.body.detail).toMatch(/already used/);

    const other = await newTenant({ allowedOrigins: [EMBEDDING_ORIGIN] });
    const foreign = await solvedPow(other.publishableKeys.test);
    expectProblem(await widgetApi(t.publishableKeys.test, "send", { phone, pow: foreign }), 403, "forbidden");
  }, 60_000);

  it("starts an ordinary verification marked source: widget, in the widget's locale, with the WebOTP line of the embedding page", async () => {
    const recipient = randomMobile();
    const national = recipient.replace("+55", "");
    const sent = await widgetApi(t.publishableKeys.test, "send", {
      phone: national.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d))), // Arabic-Indic digits
      country: "BR",
      locale: "es",
      origin: EMBEDDING_ORIGIN,
      pow: await solvedPow(t.publishableKeys.test),
    });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body).toMatchObject({ recipient, status: "pending", codeLength: 6 });
    expect(sent.body.code).toBeUndefined();
    const { body } = await outboxCode(t.test, recipient);
    expect(body).toMatch(/^Tu clave de /); // the built-in Spanish SMS (GSM-7, one segment)
    expect(body.split("\n").pop()).toMatch(
      new RegExp(`^@shop\\.example #\\d{6} @${new URL(baseUrl()).hostname}$`),
    );

    const listed = await api("GET", `/api/v1/otp/${sent.body.id}`, { key: t.test });
    expect(listed.status).toBe(200);
    const logs = await api("GET", `/api/v1/otp/logs?verificationId=${sent.body.id}`, { key: t.test });
    expect(logs.body.data.length).toBeGreaterThan(0);
    for (const event of logs.body.data) expect(event.data.source, event.type).toBe("widget");
    // An API send is not marked.
    const apiSend = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: { recipient: randomMobile() },
    });
    const apiLogs = await api("GET", `/api/v1/otp/logs?verificationId=${apiSend.body.id}`, { key: t.test });
    for (const event of apiLogs.body.data) expect(event.data.source).toBeUndefined();
    // Nor can the widget act on it.
    expectProblem(
      await widgetApi(t.publishableKeys.test, "verify", { id: apiSend.body.id, code: "123456" }),
      404,
      "not_found",
    );
  }, 60_000);

  it("a preview (no allowed embedding origin) verifies without a token", async () => {
    const recipient = randomMobile();
    const sent = await widgetApi(t.publishableKeys.test, "send", {
      phone: recipient,
      origin: "https://evil.example",
      pow: await solvedPow(t.publishableKeys.test),
    });
    const { code, body } = await outboxCode(t.test, recipient);
    expect(body).not.toMatch(/evil/);
    const verified = await widgetApi(t.publishableKeys.test, "verify", { id: sent.body.id, code });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true, recipient, token: null });
  }, 60_000);

  it("applies the per-IP widget limit", async () => {
    const limited = await newTenant({
      allowedOrigins: [EMBEDDING_ORIGIN],
      rateLimits: { widgetSendsPerIp: 2 },
    });
    const send = async () =>
      widgetApi(limited.publishableKeys.test, "send", {
        phone: randomMobile(),
        pow: await solvedPow(limited.publishableKeys.test),
      });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const third = await send();
    expectProblem(third, 429, "rate_limited");
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  }, 60_000);

  it("after a key rotation, tokens of the old key still redeem and both keys are published", async () => {
    const before = await widgetToken(t);
    const oldKid = decodeProtectedHeader(before.token).kid;
    const { kid: newKid, retired } = await rotateSigningKey();
    expect(retired).toContain(oldKid);
    const prisma = await db();
    const old = await prisma.signingKey.findUniqueOrThrow({ where: { id: oldKid! } });
    expect(old.publishUntil!.getTime() - old.retiredAt!.getTime()).toBeGreaterThanOrEqual(300_000);
    // Instances pick the rotation up within their 10-second cache.
    await expect
      .poll(
        async () => (await api("GET", "/.well-known/jwks.json")).body.keys.map((k: { kid: string }) => k.kid),
        { timeout: 20_000, interval: 1_000 },
      )
      .toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(
      (await api("POST", "/api/v1/tokens/verify", { key: t.test, body: { token: before.token } })).status,
    ).toBe(200);
    await expect
      .poll(async () => decodeProtectedHeader((await widgetToken(t)).token).kid, {
        timeout: 25_000,
        interval: 2_000,
      })
      .toBe(newKid);
  }, 90_000);
});
