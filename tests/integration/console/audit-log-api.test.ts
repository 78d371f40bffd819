import { describe, expect, it } from "vitest";
import { api } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/keys/create-api-key";

describe("GET /api/v1/audit-log", () => {
  it("lists API changes with the key as actor, newest first, cursor-paged, never a secret", async () => {
    const tenant = await newTenant();
    const patch = await api("PATCH", `/api/v1/apps/${tenant.appId}`, {
      key: tenant.live,
      body: { codeLength: 8, providers: { http: { url: "https://sms.example.com/send", secret: "a-very-secret-signing-key" } } },
    });
    expect(patch.status).toBe(200);
    const created = await api("POST", "/api/v1/apps", { key: tenant.live, body: { name: "Second" } });
    expect(created.status).toBe(201);

    const first = await api("GET", "/api/v1/audit-log?limit=1", { key: tenant.live });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1);
    expect(first.body.data[0]).toMatchObject({
      action: "app.created",
      actor: { type: "key", id: tenant.live.keyId, label: tenant.live.keyId },
      target: { type: "app", id: created.body.id },
    });
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await api("GET", `/api/v1/audit-log?limit=1&cursor=${first.body.nextCursor}`, { key: tenant.live });
    expect(second.body.data[0]).toMatchObject({ action: "app.updated", target: { id: tenant.appId } });
    expect(second.body.data[0].data.changed).toEqual(["codeLength", "providers.http"]);
    expect(second.text).not.toContain("a-very-secret-signing-key");

    const filtered = await api("GET", "/api/v1/audit-log?action=app.updated", { key: tenant.test });
    expect(filtered.body.data.map((e: { action: string }) => e.action)).toEqual(["app.updated"]);
  });

  it("is scoped to the key's tenant and refuses keys restricted to some apps", async () => {
    const a = await newTenant();
    const b = await newTenant();
    await api("PATCH", `/api/v1/apps/${a.appId}`, { key: a.live, body: { codeLength: 7 } });
    const other = await api("GET", "/api/v1/audit-log", { key: b.live });
    expect(other.body.data).toEqual([]);

    const prisma = await db();
    const restricted = await prisma.$transaction((tx) => createApiKey(tx, { tenantId: a.tenantId, mode: "live", appIds: [a.appId] }));
    const refused = await api("GET", "/api/v1/audit-log", { key: restricted });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("forbidden");
  });

  it("answers a bad filter with 400, not 500", async () => {
    const tenant = await newTenant();
    for (const query of ["action=nope", "cursor=garbage", "limit=1000", "from=yesterday"]) {
      const response = await api("GET", `/api/v1/audit-log?${query}`, { key: tenant.live });
      expect(response.status, query).toBe(400);
    }
  });
});
