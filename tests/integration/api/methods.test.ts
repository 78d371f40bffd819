import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl, expectProblem } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant();
});

/** A request with any method (fetch refuses TRACE and CONNECT). */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request(baseUrl() + path, { method, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

const ROUTES: Array<[string, string]> = [
  ["/api/v1/otp/send", "POST, OPTIONS"],
  ["/api/v1/otp/list", "GET, HEAD, OPTIONS"],
  ["/api/v1/apps", "GET, HEAD, POST, OPTIONS"],
  ["/api/v1/apps/app_x", "GET, HEAD, PATCH, OPTIONS"],
  ["/api/v1/openapi.json", "GET, HEAD, OPTIONS"],
];

const sorted = (allow: string | null | undefined) => (allow ?? "").split(/,\s*/).sort().join(", ");

describe("methods: 405 and OPTIONS tell the route's real methods", () => {
  it.each(ROUTES)("OPTIONS %s → 204 with Allow: %s", async (path, allow) => {
    const response = await api("OPTIONS", path, { key: t.test });
    expect(response.status).toBe(204);
    expect(sorted(response.headers.get("allow"))).toBe(sorted(allow));
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("ratelimit-limit")).toBe("100");
  });

  it.each(ROUTES)("TRACE %s → 405 problem+json with Allow: %s", async (path, allow) => {
    const response = await rawRequest("TRACE", path, { Authorization: `Bearer ${t.test.secret}` });
    expect(response.status, response.body).toBe(405);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.body).code).toBe("method_not_allowed");
    expect(sorted(response.headers.allow)).toBe(sorted(allow));
  });

  it("a wrong method answers 405 with the route's Allow and, with a key, the key's limit", async () => {
    const response = await api("DELETE", "/api/v1/otp/send", { key: t.test });
    expectProblem(response, 405, "method_not_allowed");
    expect(sorted(response.headers.get("allow"))).toBe(sorted("POST, OPTIONS"));
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("ratelimit-limit")).toBe("100");
  });

  it.each(["TRACE", "PROPFIND", "PURGE"])("%s on an unknown /api path → 404 problem+json, never 500", async (method) => {
    const response = await rawRequest(method, "/api/v1/nope");
    expect(response.status, response.body).toBe(404);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
  });

  it("PROPFIND on a route → 405 with its Allow; TRACE on a page → 405, never 500", async () => {
    const propfind = await rawRequest("PROPFIND", "/api/v1/otp/verify");
    expect(propfind.status, propfind.body).toBe(405);
    expect(sorted(propfind.headers.allow)).toBe(sorted("POST, OPTIONS"));
    expect((await rawRequest("TRACE", "/docs")).status).toBe(405);
  });

  it("TRACE on a route without its own OPTIONS handler still answers 405 problem+json with Allow", async () => {
    const response = await rawRequest("TRACE", "/api/callbacks/twilio");
    expect(response.status, response.body).toBe(405);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.body).code).toBe("method_not_allowed");
    expect(response.headers.allow).toContain("POST");
  });

  it("OPTIONS and 405 of /api/health tell its real methods", async () => {
    const response = await api("OPTIONS", "/api/health");
    expect(response.status).toBe(204);
    expect(sorted(response.headers.get("allow"))).toBe(sorted("GET, HEAD, OPTIONS"));
    expect((await rawRequest("TRACE", "/api/health")).status).toBe(405);
  });

  it("an unknown /api/v1 path with a key answers 404 with the key's limit", async () => {
    const response = await api("GET", "/api/v1/nope", { key: t.test });
    expectProblem(response, 404, "not_found");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("ratelimit-limit")).toBe("100");
  });
});

describe("every /api/v1 answer carries X-Request-Id and the RateLimit-* of the limit that applied", () => {
  it("openapi.json, with a key: the key's limit", async () => {
    const response = await api("GET", "/api/v1/openapi.json", { key: t.test });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("ratelimit-limit")).toBe("100");
    expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    expect(response.headers.get("ratelimit-reset")).toMatch(/^\d+$/);
  });

  it("openapi.json without a key: the per-address limit", async () => {
    const response = await api("GET", "/api/v1/openapi.json");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.headers.get("ratelimit-limit")).toBe("1000");
  });

  it("a resend refused by its cooldown: RateLimit-Reset agrees with Retry-After", async () => {
    const send = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: "+5511987650001" } });
    expect(send.status).toBe(201);
    const response = await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id: send.body.id } });
    expectProblem(response, 429, "rate_limited");
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(20);
    expect(Number(response.headers.get("ratelimit-reset"))).toBe(retryAfter);
    expect(response.headers.get("ratelimit-remaining")).toBe("0");
  });
});
