import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { ownModeWhere, requireApp } from "@/lib/keys/require-app";

/**
 * The apps a read may see: the one asked for (of the key's tenant — another tenant's id is 404 —
 * and allowed for the key, else 403), else the key's apps, else null for "every app of the tenant".
 * Reads always filter by tenant too, so null never widens a query beyond the tenant.
 */
export async function readableAppIds(
  principal: ApiKeyPrincipal,
  appId: string | undefined,
): Promise<string[] | null> {
  if (appId === undefined) return principal.appIds.length ? principal.appIds : null;
  return [(await requireApp(principal, appId)).id];
}

/** Prisma `where` for rows of the tenant and the key's mode within those apps. */
export function scopedTo(principal: ApiKeyPrincipal, appIds: string[] | null) {
  return { ...ownModeWhere(principal), ...(appIds ? { appId: { in: appIds } } : {}) };
}
