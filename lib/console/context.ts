import { redirect } from "next/navigation";
import { z } from "zod";
import type { AuditActor } from "@/lib/audit/actor";
import { can, type Permission, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { logger } from "@/lib/log";
import { readConsoleRequest } from "./request";

export type ConsoleContext = {
  user: { id: string; email: string; name: string | null };
  tenant: { id: string; name: string };
  role: Role;
  /** every tenant this person belongs to, for the switcher */
  memberships: { tenantId: string; tenantName: string; role: Role }[];
  /**
   * The same principal shape the API's use cases take: the tenant, the mode of the live/test
   * toggle, and no app restriction (roles, not keys, limit what a person may do).
   */
  principal: ApiKeyPrincipal;
  /** who to name in the audit log */
  actor: AuditActor;
  can: (permission: Permission) => boolean;
};

/**
 * Loads the signed-in person, the tenant they are working in and their role there, from the
 * database on every request. Null when signed out or without any membership.
 */
export async function loadConsole(): Promise<ConsoleContext | null> {
  const request = await readConsoleRequest();
  if (!request.userId) return null;
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { id: request.userId },
    select: {
      id: true,
      email: true,
      name: true,
      sessionsValidAfter: true,
      memberships: { select: { role: true, tenant: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!user || user.memberships.length === 0) return null;
  // A password reset since this session signed in ended it (sessions from before signedInAt existed count as 0).
  if (user.sessionsValidAfter && (request.signedInAt ?? 0) <= user.sessionsValidAfter.getTime()) return null;
  const current = user.memberships.find((m) => m.tenant.id === request.tenantId) ?? user.memberships[0]!;
  const role = current.role as Role;
  return {
    user: { id: user.id, email: user.email, name: user.name },
    tenant: current.tenant,
    role,
    memberships: user.memberships.map((m) => ({ tenantId: m.tenant.id, tenantName: m.tenant.name, role: m.role as Role })),
    principal: { keyId: `console:${user.id}`, tenantId: current.tenant.id, mode: request.mode, appIds: [] },
    actor: { tenantId: current.tenant.id, type: "user", id: user.id, label: user.email, ip: request.ip },
    can: (permission) => can(role, permission),
  };
}

/** For console pages and layouts: the context, or a redirect to sign-in. */
export async function requireConsolePage(): Promise<ConsoleContext> {
  const context = await loadConsole();
  if (!context) redirect("/console/sign-in");
  return context;
}

export type FieldErrors = Record<string, string>;

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: FieldErrors };

function roleError(context: ConsoleContext): ApiError {
  return new ApiError("forbidden", `Your role (${context.role}) cannot do this. Ask an owner or admin.`);
}

/**
 * The one wrapper of console server actions: loads session, tenant and role, refuses what the role
 * may not do, runs the use case, and turns what a person can cause (validation, not found,
 * forbidden) into a result the form shows beside its fields. Anything else is logged and answered
 * with a generic message, never its internals. Server actions also get Next's Origin check.
 */
export async function runConsoleAction<T>(
  permission: Permission,
  work: (context: ConsoleContext) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const context = await loadConsole();
    if (!context) return { ok: false, error: "Your session has ended. Sign in again." };
    if (!context.can(permission)) throw roleError(context);
    return { ok: true, data: await work(context) };
  } catch (error) {
    return actionError(error);
  }
}

export function actionError(error: unknown): { ok: false; error: string; fieldErrors?: FieldErrors } {
  if (error instanceof z.ZodError) return { ok: false, error: "Check the highlighted fields.", fieldErrors: fieldErrorsOf(error) };
  if (error instanceof ApiError) {
    const fieldErrors = (error.extra.fieldErrors as FieldErrors | undefined) ?? undefined;
    return { ok: false, error: error.detail, ...(fieldErrors ? { fieldErrors } : {}) };
  }
  logger.error({ err: error }, "console action failed");
  return { ok: false, error: "Something went wrong on our side. Try again; if it persists, check the server log." };
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "_";
    errors[path] ??= issue.message;
  }
  return errors;
}

/**
 * The wrapper of console route handlers (same checks as actions). A state-changing method must come
 * from this site: `Origin` (or, without it, `Sec-Fetch-Site`) is checked, which with SameSite=Lax
 * session cookies stops cross-site request forgery.
 */
export function consoleRoute(
  permission: Permission,
  handler: (context: ConsoleContext, request: Request) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!["GET", "HEAD", "OPTIONS"].includes(request.method) && !sameOrigin(request)) {
      return Response.json({ error: "Cross-site request refused." }, { status: 403 });
    }
    const context = await loadConsole();
    if (!context) return Response.json({ error: "Sign in first." }, { status: 401 });
    if (!context.can(permission)) return Response.json({ error: roleError(context).detail }, { status: 403 });
    try {
      return await handler(context, request);
    } catch (error) {
      const result = actionError(error);
      const status = error instanceof ApiError ? error.status : 500;
      return Response.json({ error: result.error, fieldErrors: result.fieldErrors }, { status });
    }
  };
}

export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = request.headers.get("sec-fetch-site");
  return site === "same-origin" || site === "none";
}
