import type { App } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import { assertKeyAllowsApp, type ApiKeyPrincipal } from "./authenticate-api-key";
import { VersionedCache } from "./versioned-cache";

/**
 * The one place that answers "may this principal act on this app?" (CONTRACT §1, §4b): an id that
 * is malformed, unknown or another tenant's answers the same 404 (nothing about other tenants can be
 * learned); an app of the tenant that the key is restricted away from answers 403. Every use case
 * that takes an app id from a caller goes through here — API keys and console people alike.
 */
export async function requireApp(principal: ApiKeyPrincipal, appId: string): Promise<App> {
  if (!isId("app", appId)) throw notFound("app");
  const app = await cachedApp(principal, `app:${principal.tenantId}:${appId}`, async (prisma) =>
    prisma.app.findFirst({ where: { id: appId, tenantId: principal.tenantId } }),
  );
  if (!app) throw notFound("app");
  assertKeyAllowsApp(principal, app.id);
  return app;
}

/**
 * The app a request acts on when it names none: the only app the key may see, else 400 (none yet,
 * or several: then `appId` is required).
 */
export async function requireOnlyApp(principal: ApiKeyPrincipal): Promise<App> {
  const app = await cachedApp(principal, `only:${principal.tenantId}:${principal.appIds.join(",")}`, async (prisma) => {
    const apps = await prisma.app.findMany({ where: visibleAppsWhere(principal), take: 2 });
    if (apps.length === 1) return apps[0]!;
    throw new ApiError(
      "invalid_request",
      apps.length === 0 ? "This tenant has no app yet: create one first." : "This tenant has several apps: give `appId`.",
      { errors: [{ path: "appId", message: "required" }] },
    );
  });
  return app!;
}

// Apps read by requests, per process, served only under the configuration version the request read
// (lib/keys/config-version.ts: every change of an app announces a new one), so a setting change is
// seen by the next request on every instance. Shared objects: callers must not modify them.
const appCache = new VersionedCache<App>();

function cachedApp(
  principal: ApiKeyPrincipal,
  cacheKey: string,
  read: (prisma: Awaited<ReturnType<typeof db>>) => Promise<App | null>,
): Promise<App | null> {
  return appCache.readThrough(cacheKey, principal.configVersion, async () => read(await db()));
}

/** Prisma `where` for the apps a principal may see: the tenant's, narrowed to the key's apps. */
function visibleAppsWhere(principal: ApiKeyPrincipal) {
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
