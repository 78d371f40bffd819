import { describe, expect, it } from "vitest";
import { api, expectProblem } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

const templatesOf = (appId: string) => `/api/v1/apps/${appId}/templates`;

describe("templates API: invalid input", () => {
  it.each([
    [
      "a body without {{code}}",
      { channel: "sms", locale: "en", body: "Your code is ready" },
      /must contain \{\{code\}\}/,
    ],
    [
      "an unknown variable",
      { channel: "sms", locale: "en", body: "{{code}} for {{user}}" },
      /Unknown variable \{\{user\}\}/,
    ],
    ["a misspelt variable", { channel: "sms", locale: "en", body: "{{Code}}" }, /did you mean \{\{code\}\}/],
    ["malformed braces", { channel: "sms", locale: "en", body: "{{code}} {app}}" }, /malformed braces/i],
    [
      "an SMS over 4 segments",
      { channel: "sms", locale: "en", body: `{{code}} ${"x".repeat(700)}` },
      /SMS segments/,
    ],
    [
      "a UCS-2 SMS over 4 segments",
      { channel: "sms", locale: "en", body: `{{code}} ${"é€ü😀".repeat(70)}` },
      /UCS-2/,
    ],
    ["an empty body", { channel: "sms", locale: "en", body: "  " }, /empty/],
  ])("refuses %s with 400 and the problem under `body`", async (_, body, message) => {
    const t = await newTenant();
    const problem = expectProblem(
      await api("POST", templatesOf(t.appId), { key: t.test, body }),
      400,
      "invalid_request",
    );
    expect(problem.detail).toMatch(message);
    expect(problem.errors.length).toBeGreaterThan(0);
    for (const error of problem.errors) expect(error.path).toBe("body");
    expect(problem.errors.some((e: { message: string }) => message.test(e.message))).toBe(true);
  });

  it.each([
    ["a missing channel", { locale: "en", body: "{{code}}" }, "channel"],
    ["an unknown channel", { channel: "email", locale: "en", body: "{{code}}" }, "channel"],
    ["a missing locale", { channel: "sms", body: "{{code}}" }, "locale"],
    ["a malformed locale", { channel: "sms", locale: "english!", body: "{{code}}" }, "locale"],
    ["a body of the wrong type", { channel: "sms", locale: "en", body: 42 }, "body"],
    ["an unknown field", { channel: "sms", locale: "en", body: "{{code}}", subject: "x" }, "(body)"],
  ])("refuses %s with 400 naming the field", async (_, body, path) => {
    const t = await newTenant();
    const problem = expectProblem(
      await api("POST", templatesOf(t.appId), { key: t.test, body }),
      400,
      "invalid_request",
    );
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("refuses malformed JSON and an empty PATCH", async () => {
    const t = await newTenant();
    expectProblem(
      await api("POST", templatesOf(t.appId), { key: t.test, body: "{nope" }),
      400,
      "invalid_request",
    );
    const created = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: { channel: "sms", locale: "en", body: "{{code}}" },
    });
    expectProblem(
      await api("PATCH", `${templatesOf(t.appId)}/${created.body.id}`, { key: t.test, body: {} }),
      400,
      "invalid_request",
    );
  });

  it("checks a PATCHed body against the channel it will have", async () => {
    const t = await newTenant();
    const long = `{{code}} ${"y".repeat(800)}`; // fits WhatsApp (1024), not 4 SMS segments
    const created = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: { channel: "whatsapp", locale: "en", body: long },
    });
    expect(created.status, created.text).toBe(201);
    const problem = expectProblem(
      await api("PATCH", `${templatesOf(t.appId)}/${created.body.id}`, {
        key: t.test,
        body: { channel: "sms" },
      }),
      400,
      "invalid_request",
    );
    expect(problem.errors[0].path).toBe("body");
    const unchanged = await api("GET", templatesOf(t.appId), { key: t.test });
    expect(unchanged.body.data[0].channel).toBe("whatsapp");
  });

  it("answers 409 conflict for a second template of the same app, channel and locale", async () => {
    const t = await newTenant();
    const first = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: { channel: "sms", locale: "pt-BR", body: "{{code}}" },
    });
    expect(first.status).toBe(201);
    const problem = expectProblem(
      await api("POST", templatesOf(t.appId), {
        key: t.test,
        body: { channel: "sms", locale: "PT-br", body: "again {{code}}" },
      }),
      409,
      "conflict",
    );
    expect(problem.detail).toContain("pt-BR");
    // Same locale on the other channel is fine; moving it onto the taken pair is not.
    const other = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: { channel: "whatsapp", locale: "pt-BR", body: "{{code}}" },
    });
    expect(other.status).toBe(201);
    expectProblem(
      await api("PATCH", `${templatesOf(t.appId)}/${other.body.id}`, {
        key: t.test,
        body: { channel: "sms" },
      }),
      409,
      "conflict",
    );
  });

  it("of concurrent creates for the same locale exactly one wins; the others answer 409", async () => {
    const t = await newTenant();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api("POST", templatesOf(t.appId), {
          key: t.test,
          body: { channel: "sms", locale: "it", body: `v${i} {{code}}` },
        }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const response of responses.filter((r) => r.status === 409))
      expectProblem(response, 409, "conflict");
    const listed = await api("GET", templatesOf(t.appId), { key: t.test });
    expect(listed.body.data).toHaveLength(1);
  });

  it("answers 404 for unknown or malformed ids and 405 for other methods", async () => {
    const t = await newTenant();
    expectProblem(await api("GET", templatesOf("app_nope"), { key: t.test }), 404, "not_found");
    expectProblem(
      await api("GET", templatesOf("app_01h455vb4pex5vsknk084sn02q"), { key: t.test }),
      404,
      "not_found",
    );
    expectProblem(
      await api("PATCH", `${templatesOf(t.appId)}/tpl_01h455vb4pex5vsknk084sn02q`, {
        key: t.test,
        body: { body: "{{code}}" },
      }),
      404,
      "not_found",
    );
    expectProblem(
      await api("DELETE", `${templatesOf(t.appId)}/not-an-id`, { key: t.test }),
      404,
      "not_found",
    );
    expectProblem(
      await api("POST", `${templatesOf(t.appId)}/preview`, {
        key: t.test,
        body: { channel: "sms", templateId: "tpl_01h455vb4pex5vsknk084sn02q" },
      }),
      404,
      "not_found",
    );
    expectProblem(
      await api("PUT", templatesOf(t.appId), { key: t.test, body: {} }),
      405,
      "method_not_allowed",
    );
    expectProblem(
      await api("GET", `${templatesOf(t.appId)}/tpl_01h455vb4pex5vsknk084sn02q`, { key: t.test }),
      405,
      "method_not_allowed",
    );
    expectProblem(
      await api("GET", `${templatesOf(t.appId)}/preview`, { key: t.test }),
      405,
      "method_not_allowed",
    );
  });

  it("preview refuses an invalid draft body like create does", async () => {
    const t = await newTenant();
    const problem = expectProblem(
      await api("POST", `${templatesOf(t.appId)}/preview`, {
        key: t.test,
        body: { channel: "sms", body: "no code here" },
      }),
      400,
      "invalid_request",
    );
    expect(problem.errors[0]).toMatchObject({ path: "body", reason: "missing_code" });
  });
});
