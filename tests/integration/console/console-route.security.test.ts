/** The console wrapper for route handlers: session, role and (for state-changing methods) origin. */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleRequest } from "@/lib/console/request";

const current: { request: ConsoleRequest } = { request: { userId: null, tenantId: null, mode: "test", ip: null } };
vi.mock("@/lib/console/request", () => ({
  TENANT_COOKIE: "otpilot-tenant",
  MODE_COOKIE: "otpilot-mode",
  readConsoleRequest: async () => current.request,
  setConsoleCookie: async () => undefined,
}));

const { consoleRoute } = await import("@/lib/console/context");
const { GET: exportAuditLog } = await import("@/app/(console)/console/(shell)/audit-log/export/route");
const { createTenant } = await import("@/lib/tenants/create-tenant");
const { createConsoleUser } = await import("@/lib/users/create-console-user");
const { createApp } = await import("@/lib/apps/create-app");

const ids = { tenant: "", viewer: "", other: "" };

beforeAll(async () => {
  const tenant = await createTenant({ name: "Route tenant" });
  const other = await createTenant({ name: "Other tenant" });
  ids.tenant = tenant.tenantId;
  const suffix = Math.random().toString(36).slice(2, 8);
  ids.viewer = (await createConsoleUser({ email: `v-${suffix}@example.com`, password: "correct horse battery", tenantId: tenant.tenantId, role: "viewer" })).userId;
  // A label a spreadsheet would run as a formula.
  const actor = { tenantId: tenant.tenantId, type: "user" as const, id: ids.viewer, label: "=1+1", ip: "198.51.100.4" };
  await createApp(tenant.tenantId, { name: "Checkout" }, actor);
  await createApp(other.tenantId, { name: "Not yours" }, { ...actor, tenantId: other.tenantId });
});

describe("console route handlers", () => {
  it("export needs a session", async () => {
    current.request = { userId: null, tenantId: null, mode: "test", ip: null };
    expect((await exportAuditLog(new Request("http://localhost/console/audit-log/export"))).status).toBe(401);
  });

  it("exports the tenant's audit log as CSV, formulas defused, other tenants absent", async () => {
    current.request = { userId: ids.viewer, tenantId: ids.tenant, mode: "test", ip: null };
    const response = await exportAuditLog(new Request("http://localhost/console/audit-log/export"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = await response.text();
    expect(text).toContain('"app.created"');
    expect(text).toContain(`"'=1+1"`);
    expect(text).not.toContain(`"=1+1"`);
    expect(text).not.toContain("Not yours");
  });

  it("refuses a role without the permission and a cross-site POST", async () => {
    current.request = { userId: ids.viewer, tenantId: ids.tenant, mode: "test", ip: null };
    const write = consoleRoute("apps:write", async () => new Response("done"));
    const sameSite = { method: "POST", headers: { host: "localhost", origin: "http://localhost" } };
    expect((await write(new Request("http://localhost/x", sameSite))).status).toBe(403);
    const read = consoleRoute("read", async () => new Response("done"));
    expect((await read(new Request("http://localhost/x", sameSite))).status).toBe(200);
    const crossSite = { method: "POST", headers: { host: "localhost", origin: "https://evil.example" } };
    const refused = await read(new Request("http://localhost/x", crossSite));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: "Cross-site request refused." });
  });
});
