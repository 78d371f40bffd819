import { describe, expect, it } from "vitest";
import { errorStatus } from "@/lib/http/errors";
import { API_OPERATIONS, buildOpenApiDocument, operationErrorCodes } from "@/lib/openapi/document";
import { problemObject } from "@/lib/openapi/schemas";
import { api, randomMobile, type ApiResponse } from "../../helpers/api";
import { newTenant, readCode } from "../../helpers/tenant";

/**
 * The document against the running API: each real answer must be what the document says — the
 * success schema with no undocumented field, or a problem whose code that operation lists.
 */
function expectDocumented(operationId: string, response: ApiResponse) {
  const operation = API_OPERATIONS.find((op) => op.operationId === operationId);
  if (!operation) throw new Error(`no operation ${operationId}`);
  if (response.status === operation.response.status) {
    if (!operation.response.schema) return expect(response.text, operationId).toBe("");
    const parsed = operation.response.schema.safeParse(response.body);
    expect(parsed.error?.issues ?? [], `${operationId}: ${response.text.slice(0, 300)}`).toEqual([]);
    // Unknown keys are stripped by the parse: a difference is a field the document does not describe.
    expect(parsed.data, `${operationId} answers fields the document does not describe`).toEqual(
      response.body,
    );
    return;
  }
  expect(response.headers.get("content-type"), `${operationId} ${response.status}`).toContain(
    "application/problem+json",
  );
  expect(problemObject.safeParse(response.body).success, response.text).toBe(true);
  expect(operationErrorCodes(operation), `${operationId} answered ${response.text}`).toContain(
    response.body.code,
  );
  expect(response.status).toBe(errorStatus[response.body.code as keyof typeof errorStatus]);
}

describe("GET /api/v1/openapi.json", () => {
  it("is public, cacheable and the document the server generates", async () => {
    const response = await api("GET", "/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    // Cached privately: it carries the caller's RateLimit-* and request id like every /api/v1 answer.
    expect(response.headers.get("cache-control")).toContain("private");
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(response.body.openapi).toBe("3.1.0");
    expect(response.body.paths).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument().paths)));
    expect(response.body.servers).toHaveLength(1);
  });

  it("answers 405 to other methods", async () => {
    expect((await api("POST", "/api/v1/openapi.json", { body: {} })).status).toBe(405);
  });
});

// Each test is the first call of several routes, which `next dev` compiles on first use.
describe("real responses match the document", { timeout: 90_000 }, () => {
  it("OTP calls and their errors", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: { recipient, externalId: "u-1", metadata: { a: 1 } },
    });
    expectDocumented("sendOtp", sent);
    const id = sent.body.id as string;
    expectDocumented("getOtp", await api("GET", `/api/v1/otp/${id}`, { key: t.test }));
    expectDocumented("getOtpStatus", await api("GET", `/api/v1/otp/status?id=${id}`, { key: t.test }));
    expectDocumented(
      "verifyOtp",
      await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: "000000" } }),
    );
    expectDocumented("resendOtp", await api("POST", "/api/v1/otp/resend", { key: t.test, body: { id } }));
    const code = await readCode(t.test, recipient);
    expectDocumented(
      "verifyOtp",
      await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code } }),
    );
    expectDocumented("cancelOtp", await api("POST", "/api/v1/otp/cancel", { key: t.test, body: { id } }));
    const other = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() } });
    expectDocumented(
      "cancelOtp",
      await api("POST", "/api/v1/otp/cancel", { key: t.test, body: { id: other.body.id } }),
    );

    expectDocumented(
      "sendOtp",
      await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: "+1 not a number" } }),
    );
    expectDocumented("sendOtp", await api("POST", "/api/v1/otp/send", { key: t.test, body: "{" }));
    expectDocumented(
      "getOtp",
      await api("GET", "/api/v1/otp/ver_01h455vb4pex5vsknk084sn02q", { key: t.test }),
    );
    expectDocumented("getOtp", await api("GET", `/api/v1/otp/${id}`));
  });

  it("reads and the outbox", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const id = (await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient } })).body
      .id as string;
    await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id, code: "000000" } });

    expectDocumented("listOtps", await api("GET", "/api/v1/otp/list?limit=1", { key: t.test }));
    expectDocumented("listOtpAttempts", await api("GET", `/api/v1/otp/attempts?id=${id}`, { key: t.test }));
    expectDocumented("listOtpLogs", await api("GET", "/api/v1/otp/logs?limit=5", { key: t.test }));
    expectDocumented(
      "getOtpRateLimits",
      await api("GET", `/api/v1/otp/rate-limits?recipient=${encodeURIComponent(recipient)}`, { key: t.test }),
    );
    expectDocumented(
      "getOtpReport",
      await api("GET", "/api/v1/otp/reports?groupBy=channel", { key: t.test }),
    );
    expectDocumented("listOutbox", await api("GET", "/api/v1/outbox?limit=2", { key: t.test }));
    expectDocumented("listOtps", await api("GET", "/api/v1/otp/list?limit=1000", { key: t.test }));
    expectDocumented("listOutbox", await api("GET", "/api/v1/outbox", { key: t.live }));
  });

  it("apps", async () => {
    const t = await newTenant();
    expectDocumented("listApps", await api("GET", "/api/v1/apps", { key: t.test }));
    expectDocumented("getApp", await api("GET", `/api/v1/apps/${t.appId}`, { key: t.test }));
    expectDocumented(
      "updateApp",
      await api("PATCH", `/api/v1/apps/${t.appId}`, {
        key: t.live,
        body: {
          providers: {
            twilio: { accountSid: `AC${"a".repeat(32)}`, authToken: "secret-token-1", from: "+15005550006" },
          },
        },
      }),
    );
    const created = await api("POST", "/api/v1/apps", { key: t.test, body: { name: "docs" } });
    expectDocumented("createApp", created);
    expectDocumented(
      "getApp",
      await api("GET", "/api/v1/apps/app_01h455vb4pex5vsknk084sn02q", { key: t.test }),
    );
  });

  it("templates", async () => {
    const t = await newTenant();
    const templates = `/api/v1/apps/${t.appId}/templates`;
    const template = await api("POST", templates, {
      key: t.test,
      body: { channel: "sms", locale: "en", body: "{{code}}" },
    });
    expectDocumented("createTemplate", template);
    expectDocumented(
      "createTemplate",
      await api("POST", templates, { key: t.test, body: { channel: "sms", locale: "en", body: "{{code}}" } }),
    );
    expectDocumented("listTemplates", await api("GET", templates, { key: t.test }));
    expectDocumented(
      "updateTemplate",
      await api("PATCH", `${templates}/${template.body.id}`, { key: t.test, body: { body: "x {{code}}" } }),
    );
    expectDocumented(
      "previewTemplate",
      await api("POST", `${templates}/preview`, { key: t.test, body: { channel: "sms" } }),
    );
    expectDocumented(
      "deleteTemplate",
      await api("DELETE", `${templates}/${template.body.id}`, { key: t.test }),
    );
  });

  it("webhooks", async () => {
    const t = await newTenant();

    expectDocumented(
      "getWebhookSecret",
      await api("GET", `/api/v1/apps/${t.appId}/webhook-secret`, { key: t.live }),
    );
    expectDocumented(
      "rollWebhookSecret",
      await api("POST", `/api/v1/apps/${t.appId}/webhook-secret`, { key: t.live }),
    );
    expectDocumented(
      "listWebhookDeliveries",
      await api("GET", `/api/v1/apps/${t.appId}/webhook-deliveries`, { key: t.test }),
    );
  });
});

/**
 * A schema-driven check: every query parameter of every read, with values the document says are
 * valid (each enum member, the integer bounds, times, numbers matching the recipient pattern, a
 * cursor the list returned), must be accepted — never a 400 `invalid_request` — and every answer
 * must be one the document describes (its schema, or an error code it lists for that operation).
 */
describe("requests built from the document are accepted and answered as documented", { timeout: 180_000 }, () => {
  type Parameter = { name: string; in: string; required?: boolean; schema: Record<string, any> };

  it("every query parameter of every read, with every kind of valid value", async () => {
    const t = await newTenant();
    const recipient = randomMobile();
    const first = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient, externalId: "u-1" } });
    await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() } });
    const id = first.body.id as string;
    const cursors: Record<string, string> = {
      "/api/v1/otp/list": (await api("GET", "/api/v1/otp/list?limit=1", { key: t.test })).body.nextCursor,
      "/api/v1/otp/logs": (await api("GET", "/api/v1/otp/logs?limit=1", { key: t.test })).body.nextCursor,
    };
    const dayAgo = new Date(Date.now() - 86_400_000);

    const samples = (path: string, parameter: Parameter): string[] => {
      const { name, schema } = parameter;
      if (schema.enum) return schema.enum.map(String);
      if (schema.type === "integer") return [String(schema.minimum ?? 1), String(schema.maximum ?? 10)];
      if (schema.anyOf) return [dayAgo.toISOString(), dayAgo.toISOString().slice(0, 10)];
      if (name === "cursor") {
        const typeId = /^\^(\w+)_\[0-7\]/.exec(schema.pattern ?? "");
        return typeId ? [`${typeId[1]}_01h455vb4pex5vsknk084sn02q`] : cursors[path] ? [cursors[path]!] : [];
      }
      if (name === "recipient") return [recipient, " 55 11 98765-4321", "＋５５ １１ ９８７６５ ４３２１", "+1 415"];
      if (name === "appId") return [t.appId];
      if (name === "id" || name === "verificationId") return [id];
      if (name === "country") return ["BR", "br"];
      return ["u-1"];
    };

    const document = buildOpenApiDocument() as any;
    let calls = 0;
    for (const [path, operations] of Object.entries<any>(document.paths)) {
      if (path.includes("{")) continue;
      const operation = operations.get;
      if (!operation?.parameters) continue;
      const query = (operation.parameters as Parameter[]).filter((p) => p.in === "query");
      const base = new URLSearchParams();
      for (const p of query.filter((q) => q.required)) base.set(p.name, samples(path, p)[0]!);
      for (const parameter of query) {
        for (const value of samples(path, parameter)) {
          const params = new URLSearchParams(base);
          params.set(parameter.name, value);
          const response = await api("GET", `${path}?${params}`, { key: t.test });
          calls++;
          const label = `${operation.operationId} ${parameter.name}=${value}: ${response.text.slice(0, 300)}`;
          expect(response.status === 400 && response.body?.code === "invalid_request", label).toBe(false);
          expect(response.status, label).toBeLessThan(500);
          expectDocumented(operation.operationId, response);
          // Every /api/v1 answer carries the request id and the RateLimit-* fields.
          for (const header of ["x-request-id", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]) {
            expect(response.headers.get(header), `${label} lacks ${header}`).not.toBeNull();
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(40);
  });

  it("every enum member and integer bound of the send body is accepted", async () => {
    // An app that has every channel, so each `channel` value is one it may use.
    const t = await newTenant({ channels: ["sms", "whatsapp"] });
    const document = buildOpenApiDocument() as any;
    const schema = document.paths["/api/v1/otp/send"].post.requestBody.content["application/json"].schema;
    const properties = (schema.properties ?? schema.allOf?.[0]?.properties) as Record<string, any>;
    expect(properties).toBeDefined();
    let calls = 0;
    for (const [name, property] of Object.entries(properties)) {
      const values: unknown[] = property.enum
        ? property.enum
        : property.type === "integer"
          ? [property.minimum, property.maximum].filter((v) => v !== undefined)
          : [];
      for (const value of values) {
        const response = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile(), [name]: value } });
        calls++;
        expect(response.status, `${name}=${JSON.stringify(value)}: ${response.text.slice(0, 300)}`).toBe(201);
        expectDocumented("sendOtp", response);
      }
    }
    expect(calls).toBeGreaterThan(8);
  });
});
