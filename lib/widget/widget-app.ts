import type { App } from "@/lib/generated/prisma/client";
import { baseUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { parseKeyString } from "@/lib/keys/secret-format";

/** The app a publishable key identifies, and the principal the engine acts as for it. */
export type WidgetApp = { app: App; principal: ApiKeyPrincipal; publishableKey: string };

/**
 * Resolves a publishable key (`otppk_…`) to its app. Unknown, malformed and revoked keys are all
 * `null`: the page shows one "not available" state and the API one 401.
 */
export async function findWidgetApp(publishableKey: string): Promise<WidgetApp | null> {
  const parsed = parseKeyString(publishableKey);
  if (!parsed || parsed.kind !== "publishable") return null;
  const prisma = await db();
  const key = await prisma.publishableKey.findUnique({ where: { key: publishableKey }, include: { app: true } });
  if (!key || key.revokedAt) return null;
  return {
    app: key.app,
    publishableKey,
    // The engine's principal, restricted to this one app and the key's mode.
    principal: { keyId: key.id, tenantId: key.tenantId, mode: key.mode, appIds: [key.appId] },
  };
}

export async function requireWidgetApp(publishableKey: string): Promise<WidgetApp> {
  const found = await findWidgetApp(publishableKey);
  if (!found) throw new ApiError("unauthorized", "Invalid publishable key.");
  return found;
}

/** This server's own origin: its pages call the widget API from here. */
export function serverOrigin(): string {
  return new URL(baseUrl()).origin;
}

/** Whether `origin` may embed the app's widget (an exact match in `allowedOrigins`). */
export function isAllowedOrigin(app: Pick<App, "allowedOrigins">, origin: string | null | undefined): origin is string {
  return typeof origin === "string" && app.allowedOrigins.includes(origin);
}

/**
 * The widget API's origin check (CONTRACT §8): the request must come from this server's own pages
 * or from an origin in the app's `allowedOrigins`; anything else (no Origin included) is 403.
 */
export function assertRequestOrigin(app: App, origin: string | null): void {
  if (origin === serverOrigin() || isAllowedOrigin(app, origin)) return;
  throw new ApiError("forbidden", "This origin may not use this app's widget: add it to the app's allowedOrigins.");
}
