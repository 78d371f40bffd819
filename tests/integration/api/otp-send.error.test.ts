import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant();
});

/** Counts of the rows a send writes: a refused request must change none of them. */
async function rowCounts(tenantId: string) {
  const prisma = await db();
  const [verifications, outbox, events] = await Promise.all([
    prisma.verification.count({ where: { tenantId } }),
    prisma.outboxMessage.count({ where: { tenantId } }),
    prisma.event.count({ where: { tenantId } }),
  ]);
  return { verifications, outbox, events };
}

describe("POST /api/v1/otp/send refuses bad input with 4xx problem+json and changes nothing", () => {
  const send = (body: unknown, headers: Record<string, string> = {}) => api("POST", "/api/v1/otp/send", { key: t.test, body, headers });

  it.each([
    ["no recipient", {}, "recipient"],
    ["recipient of the wrong type", { recipient: 5511987654321 }, "recipient"],
    ["codeLength out of range", { recipient: "+5511987654321", codeLength: 3 }, "codeLength"],
    ["codeLength not an integer", { recipient: "+5511987654321", codeLength: 6.5 }, "codeLength"],
    ["ttl too short", { recipient: "+5511987654321", ttl: 59 }, "ttl"],
    ["ttl too long", { recipient: "+5511987654321", ttl: 86_401 }, "ttl"],
    ["unknown channel", { recipient: "+5511987654321", channel: "pigeon" }, "channel"],
    ["unknown alphabet", { recipient: "+5511987654321", alphabet: "emoji" }, "alphabet"],
    ["externalId too long", { recipient: "+5511987654321", externalId: "x".repeat(129) }, "externalId"],
    ["metadata not an object", { recipient: "+5511987654321", metadata: [1, 2] }, "metadata"],
    ["metadata over 4 KiB", { recipient: "+5511987654321", metadata: { blob: "x".repeat(4100) } }, "metadata"],
    ["a body that is an array", [], "(body)"],
  ])("%s → 400 invalid_request naming the field", async (_, body, path) => {
    const before = await rowCounts(t.tenantId);
    const problem = expectProblem(await send(body), 400, "invalid_request");
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await rowCounts(t.tenantId)).toEqual(before);
  });

  it.each([
    ["letters in the number", { recipient: "+1-800-FLOWERS" }],
    ["too short", { recipient: "+55 11" }],
    ["no country code", { recipient: "11987654321" }],
    ["an unknown country code", { phoneNumber: "11987654321", countryCode: "ZZ" }],
    ["not a number at all", { recipient: "hello" }],
    ["a landline for SMS", { recipient: "+44 20 7123 4567" }],
    ["a toll-free number", { recipient: "+1 800 555 1234" }],
  ])("%s → 400 invalid_phone_number", async (_, body) => {
    const before = await rowCounts(t.tenantId);
    expectProblem(await send(body), 400, "invalid_phone_number");
    expect(await rowCounts(t.tenantId)).toEqual(before);
  });

  it("a landline answer carries the reason code", async () => {
    const problem = expectProblem(await send({ recipient: "+442071234567" }), 400, "invalid_phone_number");
    expect(problem.reason).toBe("fixed_line");
  });

  it("malformed JSON → 400", async () => {
    expectProblem(await send('{"recipient": "+55'), 400, "invalid_request");
  });

  it("a wrong content type → 415", async () => {
    const response = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: "recipient=+5511987654321",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expectProblem(response, 415, "unsupported_media_type");
  });

  it("a body over 16 KiB → 413", async () => {
    const before = await rowCounts(t.tenantId);
    expectProblem(await send({ recipient: "+5511987654321", name: "x".repeat(17 * 1024) }), 413, "payload_too_large");
    expect(await rowCounts(t.tenantId)).toEqual(before);
  });

  it("a country outside the app's allowlist → 403 country_blocked", async () => {
    const limited = await newTenant({ allowedCountries: ["US", "IN"] });
    const before = await rowCounts(limited.tenantId);
    const problem = expectProblem(await api("POST", "/api/v1/otp/send", { key: limited.test, body: { recipient: randomMobile() } }), 403, "country_blocked");
    expect(problem.country).toBe("BR");
    expect(await rowCounts(limited.tenantId)).toEqual(before);
    expect((await api("POST", "/api/v1/otp/send", { key: limited.test, body: { recipient: "+919876543210" } })).status).toBe(201);
  });

  it("a channel the app does not offer → 422 channel_unavailable", async () => {
    expectProblem(await send({ recipient: randomMobile(), channel: "whatsapp" }), 422, "channel_unavailable");
  });

  it("a live key with no provider configured → 422 channel_unavailable", async () => {
    const before = await rowCounts(t.tenantId);
    expectProblem(await api("POST", "/api/v1/otp/send", { key: t.live, body: { recipient: randomMobile() } }), 422, "channel_unavailable");
    expect(await rowCounts(t.tenantId)).toEqual(before);
  });

  it("appId is required when the tenant has several apps, and must exist", async () => {
    const several = await newTenant();
    expect((await api("POST", "/api/v1/apps", { key: several.test, body: { name: "second" } })).status).toBe(201);
    const problem = expectProblem(await api("POST", "/api/v1/otp/send", { key: several.test, body: { recipient: randomMobile() } }), 400, "invalid_request");
    expect(problem.errors[0].path).toBe("appId");
    expectProblem(
      await api("POST", "/api/v1/otp/send", { key: several.test, body: { appId: "app_nope", recipient: randomMobile() } }),
      404,
      "not_found",
    );
  });

  it("an unknown templateId → 404", async () => {
    expectProblem(await send({ recipient: randomMobile(), templateId: "tpl_01jabcdefghjkmnpqrstvwxyz0" }), 404, "not_found");
  });
});

describe("unknown paths and wrong methods", () => {
  it("an unknown /api/ path → 404 problem+json", async () => {
    expectProblem(await api("GET", "/api/v1/nothing-here", { key: t.test }), 404, "not_found");
    expectProblem(await api("POST", "/api/nope"), 404, "not_found");
  });

  it("a wrong method → 405 problem+json with Allow", async () => {
    const response = await api("GET", "/api/v1/otp/send", { key: t.test });
    expectProblem(response, 405, "method_not_allowed");
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    expectProblem(await api("DELETE", "/api/v1/otp/status", { key: t.test }), 405, "method_not_allowed");
  });
});
