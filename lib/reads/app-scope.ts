import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import { assertKeyAllowsApp, type ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";

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
  if (!isId("app", appId)) throw notFound("app");
  const prisma = await db();
  const app = await prisma.app.findFirst({
    where: { id: appId, tenantId: principal.tenantId },
    select: { id: true },
  });
  if (!app) throw notFound("app");
  assertKeyAllowsApp(principal, app.id);
  return [app.id];
}

/** Prisma `where` for rows of the tenant within those apps. */
export function scopedTo(principal: ApiKeyPrincipal, appIds: string[] | null) {
  return { tenantId: principal.tenantId, ...(appIds ? { appId: { in: appIds } } : {}) };
}
