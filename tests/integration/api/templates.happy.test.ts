import { describe, expect, it } from "vitest";
import { api, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

const templatesOf = (appId: string) => `/api/v1/apps/${appId}/templates`;

async function latestOutboxBody(key: { keyId: string; secret: string }, recipient: string): Promise<string> {
  const outbox = await api("GET", `/api/v1/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`, {
    key,
  });
  expect(outbox.status, outbox.text).toBe(200);
  return outbox.body.data[0].body;
}

describe("templates API: create, list, update, delete", () => {
  it("creates a template, lists it, changes it and deletes it", async () => {
    const t = await newTenant();
    const created = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: { channel: "sms", locale: "pt-br", body: "Olá {{name}}, seu código {{app}}: {{code}}" },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^tpl_[0-9a-z]{26}$/),
      appId: t.appId,
      channel: "sms",
      locale: "pt-BR", // stored in canonical form
      body: "Olá {{name}}, seu código {{app}}: {{code}}",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();

    const second = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: { channel: "whatsapp", locale: "en", body: "{{code}} is your code" },
    });
    expect(second.status, second.text).toBe(201);

    const listed = await api("GET", templatesOf(t.appId), { key: t.test });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((tpl: { id: string }) => tpl.id)).toEqual([created.body.id, second.body.id]);

    const patched = await api("PATCH", `${templatesOf(t.appId)}/${created.body.id}`, {
      key: t.test,
      body: { body: "Código {{code}} ({{ttlMinutes}} min)" },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({
      id: created.body.id,
      channel: "sms",
      locale: "pt-BR",
      body: "Código {{code}} ({{ttlMinutes}} min)",
    });
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));

    const deleted = await api("DELETE", `${templatesOf(t.appId)}/${created.body.id}`, { key: t.test });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    const after = await api("GET", templatesOf(t.appId), { key: t.test });
    expect(after.body.data.map((tpl: { id: string }) => tpl.id)).toEqual([second.body.id]);
    const again = await api("DELETE", `${templatesOf(t.appId)}/${created.body.id}`, { key: t.test });
    expect(again.status).toBe(404);
  });

  it("works with every authentication form and a live key", async () => {
    const t = await newTenant();
    for (const [index, form] of (["bearer", "pair", "basic", "single"] as const).entries()) {
      const response = await api("POST", templatesOf(t.appId), {
        key: index % 2 ? t.live : t.test,
        form,
        body: { channel: "sms", locale: ["en", "es", "fr", "de"][index], body: "{{code}}" },
      });
      expect(response.status, `${form}: ${response.text}`).toBe(201);
    }
  });
});

describe("sends use the app's templates", () => {
  it("uses the app's template for the requested locale, then falls back to the built-in one", async () => {
    const t = await newTenant({ name: "Acme" });
    const created = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: {
        channel: "sms",
        locale: "es",
        body: "ACME: tu clave es {{code}}, vale {{ttlMinutes}} min, {{name}}.",
      },
    });
    expect(created.status, created.text).toBe(201);

    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: { recipient, locale: "es-MX", name: "Ana", ttl: 300 },
    });
    expect(sent.status, sent.text).toBe(201);
    expect(await latestOutboxBody(t.test, recipient)).toMatch(/^ACME: tu clave es \d{6}, vale 5 min, Ana\.$/);

    // Another locale has no template of the app: the built-in one of that locale.
    const other = randomMobile();
    await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: other, locale: "fr" } });
    expect(await latestOutboxBody(t.test, other)).toMatch(/^Votre code Acme est \d{6}\./);

    // After the template is deleted, the same request gets the built-in Spanish text.
    await api("DELETE", `${templatesOf(t.appId)}/${created.body.id}`, { key: t.test });
    const third = randomMobile();
    await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: third, locale: "es" } });
    // (the built-in Spanish SMS avoids letters GSM-7 lacks, so it stays one segment)
    expect(await latestOutboxBody(t.test, third)).toMatch(/^Tu clave de Acme es \d{6}\./);
  });

  it("a send that names a template by id uses it, whatever the locale", async () => {
    const t = await newTenant();
    const created = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: { channel: "sms", locale: "de", body: "CODE={{code}}" },
    });
    const recipient = randomMobile();
    const sent = await api("POST", "/api/v1/otp/send", {
      key: t.test,
      body: { recipient, locale: "en", templateId: created.body.id },
    });
    expect(sent.status, sent.text).toBe(201);
    expect(await latestOutboxBody(t.test, recipient)).toMatch(/^CODE=\d{6}$/);
  });
});

describe("POST /api/v1/apps/{id}/templates/preview", () => {
  it("renders a draft body with sample values of the app", async () => {
    const t = await newTenant({ name: "Preview Co", codeLength: 8, ttl: 900 });
    const response = await api("POST", `${templatesOf(t.appId)}/preview`, {
      key: t.test,
      body: {
        channel: "sms",
        locale: "en",
        body: "{{app}}: {{code}} for {{name}}, {{ttlMinutes}} minutes",
        name: "Sam",
      },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({
      body: "Preview Co: 12345678 for Sam, 15 minutes",
      channel: "sms",
      segments: 1,
      encoding: "GSM-7",
      characters: 40,
      locale: "en",
      source: "body",
    });
  });

  it("counts UCS-2 segments and previews the built-in and saved templates", async () => {
    const t = await newTenant({ name: "Acme" });
    const builtin = await api("POST", `${templatesOf(t.appId)}/preview`, {
      key: t.test,
      body: { channel: "sms", locale: "hi" },
    });
    expect(builtin.status, builtin.text).toBe(200);
    expect(builtin.body).toMatchObject({ source: "builtin", locale: "hi", encoding: "UCS-2" });
    expect(builtin.body.body).toContain("123456");
    // Every built-in SMS fits one segment, UCS-2 ones included.
    expect(builtin.body.segments).toBe(1);

    const saved = await api("POST", templatesOf(t.appId), {
      key: t.test,
      body: { channel: "whatsapp", locale: "en", body: "Acme code {{code}}" },
    });
    const byLocale = await api("POST", `${templatesOf(t.appId)}/preview`, {
      key: t.test,
      body: { channel: "whatsapp", locale: "en-GB" },
    });
    expect(byLocale.body).toEqual({
      body: "Acme code 123456",
      channel: "whatsapp",
      segments: null,
      encoding: null,
      characters: 16,
      locale: "en",
      source: "template",
    });
    const byId = await api("POST", `${templatesOf(t.appId)}/preview`, {
      key: t.test,
      body: { channel: "sms", templateId: saved.body.id },
    });
    expect(byId.body).toMatchObject({ body: "Acme code 123456", channel: "whatsapp", source: "template" });
  });
});
