/**
 * Role checks over the console's part-2 actions (templates, webhooks) and reads (verifications,
 * timeline, reports), run against the server actions and lib functions the pages call. Like
 * roles.security.test.ts, the session is stood in for at lib/console/request.ts; the console
 * wrapper, the use cases and the database are real.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ConsoleRequest } from "@/lib/console/request";

const current: { request: ConsoleRequest } = {
  request: { userId: null, tenantId: null, mode: "test", ip: "198.51.100.9" },
};

vi.mock("@/lib/console/request", () => ({
  TENANT_COOKIE: "otpilot-tenant",
  MODE_COOKIE: "otpilot-mode",
  readConsoleRequest: async () => current.request,
  setConsoleCookie: async () => undefined,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createTemplateAction, updateTemplateAction, deleteTemplateAction, previewTemplateAction } = await import(
  "@/app/(console)/console/_actions/templates"
);
const { revealWebhookSecretAction, rollWebhookSecretAction, redeliverWebhookAction } = await import("@/app/(console)/console/_actions/webhooks");
const { db } = await import("@/lib/db/client");
const { newId } = await import("@/lib/ids");
const { createTenant } = await import("@/lib/tenants/create-tenant");
const { createConsoleUser } = await import("@/lib/users/create-console-user");
const { listAuditLog, auditLogQuerySchema } = await import("@/lib/audit/list-audit-log");
const { loadConsole } = await import("@/lib/console/context");
const { loadVerificationTimeline, maskPhone } = await import("@/lib/console/verification-timeline");
const { listVerifications, listQuerySchema } = await import("@/lib/reads/list-verifications");
const { loadConsoleReports, reportRange, reportsCsv } = await import("@/lib/console/reports");
const { buildReport, reportQuerySchema } = await import("@/lib/reports/build-report");
const { sendOtp } = await import("@/lib/otp/send-otp");
const { RateLimitTracker } = await import("@/lib/http/rate-limit-tracker");
const { GET: exportCsv } = await import("@/app/(console)/console/(shell)/reports/export/route");

type Role = "owner" | "admin" | "developer" | "viewer";
const ROLES: Role[] = ["owner", "admin", "developer", "viewer"];
type Result = { ok: boolean; error?: string; data?: unknown };

const tenantA = { id: "", appId: "", testKeyId: "" };
const tenantB = { id: "", appId: "" };
const users: Record<Role, string> = { owner: "", admin: "", developer: "", viewer: "" };

function as(role: Role, mode: "live" | "test" = "test") {
  current.request = { userId: users[role], tenantId: tenantA.id, mode, ip: "198.51.100.9" };
}

let localeCounter = 0;
// Private-use language tags (qaa–qtz): valid BCP 47, never one of the built-in locales.
const freshLocale = () => {
  const n = ++localeCounter;
  return `q${"abcdefghijklmnopqrst"[Math.floor(n / 26) % 20]}${"abcdefghijklmnopqrstuvwxyz"[n % 26]}`;
};

async function savedTemplate(tenant: { appId: string; id: string }): Promise<string> {
  const prisma = await db();
  const id = newId("tpl");
  await prisma.template.create({ data: { id, tenantId: tenant.id, appId: tenant.appId, channel: "sms", locale: freshLocale(), body: "Code {{code}}" } });
  return id;
}

async function settledDelivery(tenant: { appId: string; id: string }): Promise<string> {
  const prisma = await db();
  const id = newId("whd");
  await prisma.webhookDelivery.create({
    data: { id, tenantId: tenant.id, appId: tenant.appId, webhookId: newId("msg"), eventType: "verification.approved", url: "https://hooks.example.com/otp", payload: "{}", status: "failed", attempts: 8, lastStatusCode: 500 },
  });
  return id;
}

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation(() => undefined);
  const a = await createTenant({ name: "Part 2 tenant A" });
  const b = await createTenant({ name: "Part 2 tenant B" });
  Object.assign(tenantA, { id: a.tenantId, appId: a.appId, testKeyId: a.keys.test.keyId });
  Object.assign(tenantB, { id: b.tenantId, appId: b.appId });
  const prisma = await db();
  await prisma.app.updateMany({ where: { id: { in: [a.appId, b.appId] } }, data: { webhookUrl: "https://hooks.example.com/otp" } });
  const suffix = Math.random().toString(36).slice(2, 8);
  for (const role of ROLES) {
    users[role] = (await createConsoleUser({ email: `p2-${role}-${suffix}@example.com`, password: "correct horse battery", tenantId: a.tenantId, role })).userId;
  }
});

type Case = { name: string; allowed: Role[]; run: () => Promise<Result>; foreign?: () => Promise<Result> };

const WRITERS: Role[] = ["owner", "admin", "developer"];
const cases: Case[] = [
  {
    name: "preview a template",
    allowed: ROLES,
    run: () => previewTemplateAction(tenantA.appId, { channel: "sms", body: "Hi {{code}}" }),
    foreign: () => previewTemplateAction(tenantB.appId, { channel: "sms", body: "Hi {{code}}" }),
  },
  {
    name: "create a template",
    allowed: WRITERS,
    run: () => createTemplateAction(tenantA.appId, { channel: "sms", locale: freshLocale(), body: "Your code: {{code}}" }),
    foreign: () => createTemplateAction(tenantB.appId, { channel: "sms", locale: freshLocale(), body: "Your code: {{code}}" }),
  },
  {
    name: "change a template",
    allowed: WRITERS,
    run: async () => updateTemplateAction(tenantA.appId, await savedTemplate(tenantA), { body: "New {{code}}" }),
    foreign: async () => updateTemplateAction(tenantB.appId, await savedTemplate(tenantB), { body: "New {{code}}" }),
  },
  {
    name: "delete a template",
    allowed: WRITERS,
    run: async () => deleteTemplateAction(tenantA.appId, await savedTemplate(tenantA)),
    foreign: async () => deleteTemplateAction(tenantB.appId, await savedTemplate(tenantB)),
  },
  { name: "reveal the webhook secret", allowed: WRITERS, run: () => revealWebhookSecretAction(tenantA.appId), foreign: () => revealWebhookSecretAction(tenantB.appId) },
  { name: "roll the webhook secret", allowed: WRITERS, run: () => rollWebhookSecretAction(tenantA.appId), foreign: () => rollWebhookSecretAction(tenantB.appId) },
  {
    name: "redeliver a webhook",
    allowed: WRITERS,
    run: async () => redeliverWebhookAction(tenantA.appId, await settledDelivery(tenantA)),
    foreign: async () => redeliverWebhookAction(tenantB.appId, await settledDelivery(tenantB)),
  },
];

describe("console part-2 actions by role", () => {
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
        expect(result.error).toMatch(/^No such|does not exist|not found/i);
      });
    }
  }

  it("refuses without a session", async () => {
    current.request = { userId: null, tenantId: null, mode: "test", ip: null };
    expect(await rollWebhookSecretAction(tenantA.appId)).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
  });

  it("answers an invalid template with the problem, not a crash", async () => {
    as("developer");
    const result: Result = await createTemplateAction(tenantA.appId, { channel: "sms", locale: freshLocale(), body: "no code here {{Name}}" });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/\{\{code\}\}/);
    expect(result.error).toMatch(/did you mean \{\{name\}\}/);
  });

  it("previews with the encoding and segments of the code that sends", async () => {
    as("viewer");
    const gsm = (await previewTemplateAction(tenantA.appId, { channel: "sms", body: "Code {{code}}" })) as { ok: true; data: { encoding: string; segments: number } };
    expect(gsm.data).toMatchObject({ encoding: "GSM-7", segments: 1 });
    const ucs = (await previewTemplateAction(tenantA.appId, { channel: "sms", body: `Код {{code}} ${"я".repeat(80)}` })) as { ok: true; data: { encoding: string; segments: number } };
    expect(ucs.data).toMatchObject({ encoding: "UCS-2", segments: 2 });
  });

  it("refuses to redeliver a pending delivery or one of an app without a URL", async () => {
    as("developer");
    const prisma = await db();
    // A settled delivery goes back to pending with its attempt count kept: its job carries the 8 attempts.
    const id = await settledDelivery(tenantA);
    expect((await redeliverWebhookAction(tenantA.appId, id)).ok).toBe(true);
    const jobs = await prisma.$queryRaw<{ data: { attempts: number } }[]>`
      SELECT data FROM pgboss.job WHERE name = 'webhook.deliver' AND data->>'deliveryId' = ${id}`;
    expect(jobs.map((job) => job.data.attempts)).toEqual([8]);
    // A pending one (a try of it may be running) is refused and left as it is. Made pending here, not by
    // the redeliver above: the run's job worker tries that one at once and may settle it before a second click.
    const pending = newId("whd");
    const nextAttemptAt = new Date(Date.now() + 3600_000);
    await prisma.webhookDelivery.create({
      data: { id: pending, tenantId: tenantA.id, appId: tenantA.appId, webhookId: newId("msg"), eventType: "verification.approved", url: "https://hooks.example.com/otp", payload: "{}", status: "pending", attempts: 3, lastStatusCode: 500, nextAttemptAt },
    });
    expect(((await redeliverWebhookAction(tenantA.appId, pending)) as Result).error).toMatch(/still being retried/);
    const row = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: pending } });
    expect(row).toMatchObject({ status: "pending", attempts: 3, nextAttemptAt });
  });

  it("writes template and webhook changes to the audit log, never the secret", async () => {
    as("developer");
    const rolled = (await rollWebhookSecretAction(tenantA.appId)) as { ok: true; data: { secret: string; previousSecretExpiresAt: string | null } };
    expect(rolled.data.secret).toMatch(/^whsec_/);
    expect(rolled.data.previousSecretExpiresAt).not.toBeNull();
    const log = await listAuditLog(tenantA.id, auditLogQuerySchema.parse({ limit: 100 }));
    expect(JSON.stringify(log.data)).not.toContain(rolled.data.secret);
    for (const action of ["template.created", "template.updated", "template.deleted", "webhook.secret_rolled", "webhook.redelivered"]) {
      expect(log.data.map((e) => e.action), action).toContain(action);
    }
    const entry = log.data.find((e) => e.action === "webhook.secret_rolled" && e.actor.id === users.developer);
    expect(entry).toMatchObject({ actor: { type: "user" }, ip: "198.51.100.9", target: { id: tenantA.appId } });
  });
});

describe("console reads", () => {
  let verificationId = "";
  let recipient = "";

  beforeAll(async () => {
    recipient = `+5511${String(900000000 + Math.floor(Math.random() * 99999999))}`;
    const principal = { keyId: tenantA.testKeyId, tenantId: tenantA.id, mode: "test" as const, appIds: [] };
    const sent = await sendOtp(principal, { recipient, externalId: "user-42" }, new RateLimitTracker());
    verificationId = sent.id;
  });

  it("lists the toggle's mode only, filtered by country and external id", async () => {
    as("viewer", "test");
    const test = (await loadConsole())!;
    const found = await listVerifications(test.principal, listQuerySchema.parse({ country: "br", externalId: "user-42" }));
    expect(found.data.map((v) => v.id)).toEqual([verificationId]);
    expect((await listVerifications(test.principal, listQuerySchema.parse({ country: "US" }))).data).toEqual([]);
    as("viewer", "live");
    const live = (await loadConsole())!;
    expect((await listVerifications(live.principal, listQuerySchema.parse({}))).data.map((v) => v.id)).not.toContain(verificationId);
  });

  it("shows one verification's timeline, and 404 in the other mode or tenant", async () => {
    as("viewer", "test");
    const ctx = (await loadConsole())!;
    const timeline = await loadVerificationTimeline(ctx.principal, verificationId);
    expect(timeline.entries.map((e) => e.title)).toContain("verification.created");
    expect(timeline.entries.some((e) => e.kind === "delivery")).toBe(true);
    expect(JSON.stringify(timeline)).not.toMatch(/codeHash|codeEncrypted/);
    await expect(loadVerificationTimeline({ ...ctx.principal, mode: "live" }, verificationId)).rejects.toMatchObject({ code: "not_found" });
    await expect(loadVerificationTimeline({ ...ctx.principal, tenantId: tenantB.id }, verificationId)).rejects.toMatchObject({ code: "not_found" });
    expect(maskPhone(recipient)).toMatch(/^\+55 •+\d{4}$/);
  });

  it("reports the numbers GET /api/v1/otp/reports answers, and exports them as CSV", async () => {
    as("viewer", "test");
    const ctx = (await loadConsole())!;
    const today = new Date().toISOString().slice(0, 10);
    const reports = await loadConsoleReports(ctx.principal, reportRange({ from: today, through: today }));
    const api = await buildReport(ctx.principal, reportQuerySchema.parse({ from: reports.query.from, to: reports.query.to, interval: reports.query.interval, groupBy: "country" }));
    expect(reports.byCountry.groups).toEqual(api.groups);
    expect(reports.overall.totals.sent).toBeGreaterThanOrEqual(1);
    expect(reportsCsv(reports).split("\n")[0]).toBe("section,key,sent,delivered,approved,failed,conversionRate,medianTimeToVerifySeconds");
    const response = await exportCsv(new Request(`http://console.test/console/reports/export?from=${today}&through=${today}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/csv/);
    expect(await response.text()).toContain("country,BR,");
  });
});
