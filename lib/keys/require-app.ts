import type { App } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import { assertKeyAllowsApp, type ApiKeyPrincipal } from "./authenticate-api-key";

/**
 * The one place that answers "may this principal act on this app?" (CONTRACT §1, §4b): an id that
 * is malformed, unknown or another tenant's answers the same 404 (nothing about other tenants can be
 * learned); an app of the tenant that the key is restricted away from answers 403. Every use case
 * that takes an app id from a caller goes through here — API keys and console people alike.
 */
export async function requireApp(principal: ApiKeyPrincipal, appId: string): Promise<App> {
  if (!isId("app", appId)) throw notFound("app");
  const prisma = await db();
  const app = await prisma.app.findFirst({ where: { id: appId, tenantId: principal.tenantId } });
  if (!app) throw notFound("app");
  assertKeyAllowsApp(principal, app.id);
  return app;
}

/** Prisma `where` for the apps a principal may see: the tenant's, narrowed to the key's apps. */
export function visibleAppsWhere(principal: ApiKeyPrincipal) {
  return { tenantId: principal.tenantId, ...(principal.appIds.length ? { id: { in: principal.appIds } } : {}) };
}

/**
 * Test and live are walled off (CONTRACT §4b): what touches live traffic's secrets or codes
 * (providers, exposeCode, webhookUrl, the webhook secret) needs a live key. A test key is often
 * pasted into CI and laptops; it must not be enough to redirect or read live messages.
 */
export function assertLiveKey(principal: ApiKeyPrincipal, what: string): void {
  if (principal.mode !== "live") {
    throw new ApiError("forbidden", `Only a live key (otpsk_live_…) may ${what}.`);
  }
}

/**
 * Prisma `where` for rows that belong to a mode (verifications, idempotency records, events): a key
 * sees only its own mode's, and another mode's id answers 404 like another tenant's.
 */
export function ownModeWhere(principal: ApiKeyPrincipal) {
  return { tenantId: principal.tenantId, mode: principal.mode };
}
