import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { announceConfigChange } from "@/lib/keys/config-version";
import { api, expectProblem } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";

const templatesOf = (appId: string) => `/api/v1/apps/${appId}/templates`;

async function withTemplate(t: TestTenant) {
  const created = await api("POST", templatesOf(t.appId), {
    key: t.test,
    body: { channel: "sms", locale: "en", body: "secret {{code}}" },
  });
  expect(created.status, created.text).toBe(201);
  return created.body.id as string;
}

describe("templates API: tenant isolation and key restrictions", () => {
  it("another tenant's app or template answers 404, and changes nothing", async () => {
    const owner = await newTenant();
    const intruder = await newTenant();
    const templateId = await withTemplate(owner);
    const foreignApp = templatesOf(owner.appId);

    expectProblem(await api("GET", foreignApp, { key: intruder.test }), 404, "not_found");
    expectProblem(
      await api("POST", foreignApp, {
        key: intruder.test,
        body: { channel: "sms", locale: "fr", body: "{{code}}" },
      }),
      404,
      "not_found",
    );
    expectProblem(
      await api("PATCH", `${foreignApp}/${templateId}`, {
        key: intruder.test,
        body: { body: "pwned {{code}}" },
      }),
      404,
      "not_found",
    );
    expectProblem(
      await api("DELETE", `${foreignApp}/${templateId}`, { key: intruder.test }),
      404,
      "not_found",
    );
    expectProblem(
      await api("POST", `${foreignApp}/preview`, {
        key: intruder.test,
        body: { channel: "sms", templateId },
      }),
      404,
      "not_found",
    );
    // The owner's template id under the intruder's own app: still 404.
    expectProblem(
      await api("PATCH", `${templatesOf(intruder.appId)}/${templateId}`, {
        key: intruder.test,
        body: { body: "pwned {{code}}" },
      }),
      404,
      "not_found",
    );
    expectProblem(
      await api("DELETE", `${templatesOf(intruder.appId)}/${templateId}`, { key: intruder.test }),
      404,
      "not_found",
    );
    expectProblem(
      await api("POST", `${templatesOf(intruder.appId)}/preview`, {
        key: intruder.test,
        body: { channel: "sms", templateId },
      }),
      404,
      "not_found",
    );

    const list = await api("GET", foreignApp, { key: owner.test });
    expect(list.body.data).toEqual([expect.objectContaining({ id: templateId, body: "secret {{code}}" })]);
  });

  it("a key restricted to another app answers 403 on every templates route", async () => {
    const t = await newTenant();
    const templateId = await withTemplate(t);
    const second = await api("POST", "/api/v1/apps", { key: t.test, body: { name: "second" } });
    expect(second.status, second.text).toBe(201);
    const prisma = await db();
    await prisma.apiKey.update({ where: { id: t.test.keyId }, data: { appIds: [second.body.id] } });
    await announceConfigChange(t.tenantId);

    const path = templatesOf(t.appId);
    expectProblem(await api("GET", path, { key: t.test }), 403, "forbidden");
    expectProblem(
      await api("POST", path, { key: t.test, body: { channel: "sms", locale: "fr", body: "{{code}}" } }),
      403,
      "forbidden",
    );
    expectProblem(
      await api("PATCH", `${path}/${templateId}`, { key: t.test, body: { body: "x {{code}}" } }),
      403,
      "forbidden",
    );
    expectProblem(await api("DELETE", `${path}/${templateId}`, { key: t.test }), 403, "forbidden");
    expectProblem(
      await api("POST", `${path}/preview`, { key: t.test, body: { channel: "sms" } }),
      403,
      "forbidden",
    );
    // The app it is allowed on works.
    expect((await api("GET", templatesOf(second.body.id), { key: t.test })).status).toBe(200);
  });

  it("answers 401 without a valid secret key, and a publishable key grants nothing", async () => {
    const t = await newTenant();
    const path = templatesOf(t.appId);
    expectProblem(await api("GET", path), 401, "unauthorized");
    expectProblem(
      await api("POST", path, { body: { channel: "sms", locale: "en", body: "{{code}}" } }),
      401,
      "unauthorized",
    );
    expectProblem(
      await api("GET", path, { headers: { Authorization: `Bearer ${t.publishableKeys.test}` } }),
      401,
      "unauthorized",
    );
  });

  it("a template's variables are filled once: an app name that looks like a placeholder stays literal", async () => {
    const t = await newTenant({ name: "{{code}}" });
    const preview = await api("POST", `${templatesOf(t.appId)}/preview`, {
      key: t.test,
      body: { channel: "sms", body: "{{app}} {{code}}" },
    });
    expect(preview.body.body).toBe("{{code}} 123456");
  });
});
