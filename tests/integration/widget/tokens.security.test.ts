import { createHmac, generateKeyPairSync } from "node:crypto";
import { base64url, decodeJwt, decodeProtectedHeader, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { activeSigningKey } from "@/lib/tokens/signing-keys";
import { api, baseUrl, expectProblem } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";
import { EMBEDDING_ORIGIN, widgetToken } from "../../helpers/widget";

// CONTRACT §8: every refusal class answers 422 invalid_token with a detail naming it; a token
// redeems exactly once, also under concurrency.
const redeem = (t: TestTenant, token: string, nonce?: string, mode: "test" | "live" = "test") =>
  api("POST", "/api/v1/tokens/verify", { key: t[mode], body: { token, ...(nonce === undefined ? {} : { nonce }) } });

function expectRefused(response: Awaited<ReturnType<typeof redeem>>, reason: string, words: RegExp) {
  const problem = expectProblem(response, 422, "invalid_token");
  expect(problem.reason).toBe(reason);
  expect(problem.detail).toMatch(words);
}

/** A token signed with the server's own key, with claims of the test's choosing. */
async function signedBy(claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const { kid, privateKey } = await activeSigningKey();
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid, ...header }).sign(privateKey);
}

describe("POST /api/v1/tokens/verify", () => {
  let t: TestTenant;
  beforeAll(async () => {
    // The test process signs some tokens itself: it must name the server as issuer.
    process.env.OTPILOT_BASE_URL = baseUrl();
    resetEnvCache();
    t = await newTenant({ allowedOrigins: [EMBEDDING_ORIGIN], rateLimits: { widgetSendsPerIp: 1000, sendsPerRecipient: 1000 } });
  });

  it("redeems a widget token once with the claims of §8; the second redemption is 409 token_used", async () => {
    const { token, verificationId, recipient } = await widgetToken(t, { nonce: "n-123" });
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: "ES256" });
    expect(header.kid).toBeTruthy();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: baseUrl(), aud: t.appId, sub: recipient, jti: verificationId, origin: EMBEDDING_ORIGIN, nonce: "n-123", mode: "test" });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);

    const jwks = await api("GET", "/.well-known/jwks.json");
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);

    const first = await redeem(t, token, "n-123");
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ valid: true, recipient, appId: t.appId, verificationId, origin: EMBEDDING_ORIGIN });
    expect(Date.parse(first.body.verifiedAt)).toBeGreaterThan(0);
    expectProblem(await redeem(t, token, "n-123"), 409, "token_used");
  }, 120_000); // the first test of the file also waits for `next dev` to compile the routes

  it("10 concurrent redemptions: exactly one 200, nine 409", async () => {
    const { token } = await widgetToken(t);
    const responses = await Promise.all(Array.from({ length: 10 }, () => redeem(t, token)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    const others = responses.filter((r) => r.status !== 200);
    expect(others).toHaveLength(9);
    for (const r of others) expectProblem(r, 409, "token_used");
  });

  it("refuses a forged signature", async () => {
    const { token } = await widgetToken(t);
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const forged = await new SignJWT(decodeJwt(token)).setProtectedHeader(decodeProtectedHeader(token) as { alg: string }).sign(privateKey);
    expectRefused(await redeem(t, forged), "signature", /signature/);
    // The untouched token still works: refusals redeem nothing.
    expect((await redeem(t, token)).status).toBe(200);
  });

  it("refuses alg none and HS256 signed with the public key", async () => {
    const { token } = await widgetToken(t);
    const [, payload] = token.split(".");
    const none = `${base64url.encode(JSON.stringify({ alg: "none", kid: decodeProtectedHeader(token).kid }))}.${payload}.`;
    expectRefused(await redeem(t, none), "algorithm", /algorithm/);

    const jwks = await api("GET", "/.well-known/jwks.json");
    const publicJwk = jwks.body.keys[0];
    const hsHeader = base64url.encode(JSON.stringify({ alg: "HS256", kid: publicJwk.kid, typ: "JWT" }));
    for (const secret of [JSON.stringify(publicJwk), publicJwk.x]) {
      const signature = createHmac("sha256", secret).update(`${hsHeader}.${payload}`).digest("base64url");
      expectRefused(await redeem(t, `${hsHeader}.${payload}.${signature}`), "algorithm", /algorithm/);
    }
  });

  it("refuses an expired token", async () => {
    const { token } = await widgetToken(t);
    const claims = decodeJwt(token);
    const now = Math.floor(Date.now() / 1000);
    const expired = await signedBy({ ...claims, iat: now - 400, exp: now - 100 });
    expectRefused(await redeem(t, expired), "expired", /expired/);
  });

  it("refuses another tenant's app, and an app the key is restricted from", async () => {
    const { token } = await widgetToken(t);
    const other = await newTenant();
    expectRefused(await redeem(other, token), "app", /app/);
    expect((await redeem(t, token)).status).toBe(200);
  });

  it("refuses a token of the other mode (test token with a live key, and a live token with a test key)", async () => {
    const { token } = await widgetToken(t);
    expectRefused(await redeem(t, token, undefined, "live"), "mode", /mode/);
    const live = await signedBy({ ...decodeJwt(token), mode: "live" });
    expectRefused(await redeem(t, live), "mode", /mode/);
  });

  it("refuses a wrong or missing nonce", async () => {
    const { token } = await widgetToken(t, { nonce: "right" });
    expectRefused(await redeem(t, token, "wrong"), "nonce", /nonce/);
    expectRefused(await redeem(t, token), "nonce", /nonce/);
    expect((await redeem(t, token, "right")).status).toBe(200);
  });

  it("refuses malformed tokens with 422, and a wrong body with 400", async () => {
    for (const junk of ["", "abc", "a.b.c", "a.b", "ey.ey.ey.ey", `${base64url.encode("{}")}.${base64url.encode("[]")}.x`]) {
      expectRefused(await redeem(t, junk), "malformed", /malformed/);
    }
    const unsigned = await signedBy({ iss: baseUrl(), aud: t.appId, mode: "test" }); // no jti, sub, origin, exp
    expectRefused(await redeem(t, unsigned), "malformed", /malformed/);
    expectProblem(await api("POST", "/api/v1/tokens/verify", { key: t.test, body: { token: 42 } }), 400, "invalid_request");
    expectProblem(await api("POST", "/api/v1/tokens/verify", { body: { token: "x" } }), 401, "unauthorized");
  });
});
