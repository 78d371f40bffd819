/**
 * Role checks over every console action, run against the server actions themselves (the functions
 * the console's forms call). The session is stood in for at the one module that reads Next's
 * request (lib/console/request.ts); everything below it — the console wrapper, the use cases and
 * the database — is real.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleRequest } from "@/lib/console/request";

const current: { request: ConsoleRequest } = {
  request: { userId: null, tenantId: null, mode: "test", ip: "203.0.113.7" },
};

vi.mock("@/lib/console/request", () => ({
  TENANT_COOKIE: "otpilot-tenant",
  MODE_COOKIE: "otpilot-mode",
  readConsoleRequest: async () => current.request,
  setConsoleCookie: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createAppAction, updateAppAction } = await import("@/app/(console)/console/_actions/apps");
const { createKeyAction, revokeKeyAction, rollKeyAction } = await import("@/app/(console)/console/_actions/keys");
const { inviteMemberAction, changeRoleAction, removeMemberAction, revokeInvitationAction } = await import(
  "@/app/(console)/console/_actions/team"
);
const { switchTenantAction } = await import("@/app/(console)/console/_actions/session");
const { db } = await import("@/lib/db/client");
const { createTenant } = await import("@/lib/tenants/create-tenant");
const { createConsoleUser } = await import("@/lib/users/create-console-user");
const { inviteMember } = await import("@/lib/auth/members");
const { listAuditLog } = await import("@/lib/audit/list-audit-log");
const { auditLogQuerySchema } = await import("@/lib/audit/list-audit-log");

type Role = "owner" | "admin" | "developer" | "viewer";
const ROLES: Role[] = ["owner", "admin", "developer", "viewer"];
const errorOf = (result: { ok: boolean }) => (result as { error?: string }).error;

const tenantA = { id: "", appId: "", keyId: "" };
const tenantB = { id: "", appId: "", keyId: "", membershipId: "" };
const users: Record<Role, string> = { owner: "", admin: "", developer: "", viewer: "" };

function as(role: Role) {
  current.request = { userId: users[role], tenantId: tenantA.id, mode: "test", ip: "203.0.113.7" };
}

async function freshKey(tenantId: string): Promise<string> {
  const prisma = await db();
  const { createApiKey } = await import("@/lib/keys/create-api-key");
  return prisma.$transaction(async (tx) => (await createApiKey(tx, { tenantId, mode: "test" })).keyId);
}

/** A throw-away member of tenant A to change or remove. */
async function throwawayMember(role: Role = "viewer"): Promise<string> {
  const user = await createConsoleUser({
    email: `m-${Math.random().toString(36).slice(2, 10)}@example.com`,
    password: "correct horse battery",
    tenantId: tenantA.id,
    role,
  });
  const prisma = await db();
  const membership = await prisma.membership.findUniqueOrThrow({
    where: { tenantId_userId: { tenantId: tenantA.id, userId: user.userId } },
  });
  return membership.id;
}

async function openInvitation(): Promise<string> {
  const invited = await inviteMember(
    { tenantId: tenantA.id, role: "owner", userId: users.owner, actor: { tenantId: tenantA.id, type: "user", id: users.owner, label: "owner", ip: null } },
    { email: `i-${Math.random().toString(36).slice(2, 10)}@example.com`, role: "viewer" },
  );
  return invited.invitationId;
}

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  const a = await createTenant({ name: "Role tenant A" });
  const b = await createTenant({ name: "Role tenant B" });
  Object.assign(tenantA, { id: a.tenantId, appId: a.appId, keyId: a.keys.test.keyId });
  Object.assign(tenantB, { id: b.tenantId, appId: b.appId, keyId: b.keys.test.keyId });
  const suffix = Math.random().toString(36).slice(2, 8);
  for (const role of ROLES) {
    const user = await createConsoleUser({ email: `${role}-${suffix}@example.com`, password: "correct horse battery", tenantId: a.tenantId, role });
    users[role] = user.userId;
  }
  const other = await createConsoleUser({ email: `other-${suffix}@example.com`, password: "correct horse battery", tenantId: b.tenantId });
  const prisma = await db();
  tenantB.membershipId = (await prisma.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: b.tenantId, userId: other.userId } } })).id;
});

type Result = { ok: boolean; error?: string };
type Case = {
  name: string;
  /** roles that may do it */
  allowed: Role[];
  run: () => Promise<Result>;
  /** the same action on tenant B's ids, as a member of tenant A: must be not found */
  foreign?: () => Promise<Result>;
};

const cases: Case[] = [
  { name: "create an app", allowed: ["owner", "admin", "developer"], run: () => createAppAction({ name: "Made in a test" }) },
  {
    name: "change an app's settings",
    allowed: ["owner", "admin", "developer"],
    run: () => updateAppAction(tenantA.appId, { codeLength: 7 }),
    foreign: () => updateAppAction(tenantB.appId, { codeLength: 7 }),
  },
  {
    name: "set provider credentials",
    allowed: ["owner", "admin", "developer"],
    run: () => updateAppAction(tenantA.appId, { providers: { http: { url: "https://sms.example.com/send" } } }),
  },
  { name: "create a key", allowed: ["owner", "admin", "developer"], run: () => createKeyAction({ name: "k", mode: "test" }), foreign: () => createKeyAction({ name: "k", mode: "test", appIds: [tenantB.appId] }) },
  {
    name: "revoke a key",
    allowed: ["owner", "admin", "developer"],
    run: async () => revokeKeyAction(await freshKey(tenantA.id)),
    foreign: async () => revokeKeyAction(await freshKey(tenantB.id)),
  },
  {
    name: "roll a key",
    allowed: ["owner", "admin", "developer"],
    run: async () => rollKeyAction({ keyId: await freshKey(tenantA.id), graceHours: 1 }),
    foreign: async () => rollKeyAction({ keyId: await freshKey(tenantB.id), graceHours: 1 }),
  },
  { name: "invite a person", allowed: ["owner", "admin"], run: () => inviteMemberAction({ email: `x-${Math.random().toString(36).slice(2)}@example.com`, role: "developer" }) },
  {
    name: "change a member's role",
    allowed: ["owner", "admin"],
    run: async () => changeRoleAction({ membershipId: await throwawayMember(), role: "developer" }),
    foreign: () => changeRoleAction({ membershipId: tenantB.membershipId, role: "viewer" }),
  },
  {
    name: "remove a member",
    allowed: ["owner", "admin"],
    run: async () => removeMemberAction(await throwawayMember()),
    foreign: () => removeMemberAction(tenantB.membershipId),
  },
  { name: "revoke an invitation", allowed: ["owner", "admin"], run: async () => revokeInvitationAction(await openInvitation()) },
];

describe("console actions by role", () => {
  for (const c of cases) {
    for (const role of ROLES) {
      const allowed = c.allowed.includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${c.name}`, async () => {
        as(role);
        const result = await c.run();
        if (allowed) expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
        else expect(result).toEqual({ ok: false, error: `Your role (${role}) cannot do this. Ask an owner or admin.` });
      });
    }
    if (c.foreign) {
      it(`${c.name} with another tenant's id answers not found`, async () => {
        as("owner");
        const result = await c.foreign!();
        expect(result.ok).toBe(false);
        expect(errorOf(result)).toMatch(/^No such|does not exist/);
      });
    }
  }

  it("refuses every action without a session", async () => {
    current.request = { userId: null, tenantId: null, mode: "test", ip: null };
    expect(await createAppAction({ name: "x" })).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
  });

  it("cannot switch to a tenant the person does not belong to", async () => {
    as("owner");
    expect((await switchTenantAction(tenantB.id)).ok).toBe(false);
  });

  it("an admin cannot touch owners; the last owner cannot be demoted", async () => {
    as("admin");
    const prisma = await db();
    const owner = await prisma.membership.findUniqueOrThrow({ where: { tenantId_userId: { tenantId: tenantA.id, userId: users.owner } } });
    expect(errorOf(await changeRoleAction({ membershipId: owner.id, role: "viewer" }))).toMatch(/Only an owner/);
    expect(errorOf(await inviteMemberAction({ email: "boss@example.com", role: "owner" }))).toMatch(/Only an owner/);
    as("owner");
    expect(errorOf(await changeRoleAction({ membershipId: owner.id, role: "admin" }))).toMatch(/at least one owner/);
  });

  it("answers bad input with field errors, not a crash", async () => {
    as("developer");
    const result = await updateAppAction(tenantA.appId, { codeLength: 99, allowedOrigins: ["not an origin"] });
    expect(result.ok).toBe(false);
    expect(Object.keys((result as { fieldErrors?: object }).fieldErrors ?? {})).toEqual(expect.arrayContaining(["codeLength", "allowedOrigins.0"]));
  });

  it("writes each change to the audit log with the person, their IP and never a secret", async () => {
    as("developer");
    await updateAppAction(tenantA.appId, { providers: { twilio: { accountSid: `AC${"a".repeat(32)}`, authToken: "super-secret-token", from: "+14155550100" } } });
    const created = await createKeyAction({ name: "audited", mode: "live" });
    expect(created.ok).toBe(true);
    const log = await listAuditLog(tenantA.id, auditLogQuerySchema.parse({ limit: 100 }));
    const text = JSON.stringify(log.data);
    expect(text).not.toContain("super-secret-token");
    expect(text).not.toContain((created as { data: { secret: string } }).data.secret);
    const keyEntry = log.data.find((e) => e.action === "api_key.created" && e.target.id === (created as { data: { keyId: string } }).data.keyId);
    expect(keyEntry).toMatchObject({ actor: { type: "user", id: users.developer }, ip: "203.0.113.7" });
    const providerEntry = log.data.find((e) => e.action === "app.updated" && JSON.stringify(e.data).includes("providers.twilio"));
    expect(providerEntry).toBeDefined();
    for (const action of ["app.created", "api_key.revoked", "api_key.rolled", "member.invited", "member.role_changed", "member.removed", "invitation.revoked"]) {
      expect(log.data.map((e) => e.action), action).toContain(action);
    }
  });
});
