import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import { assertKeyAllowsApp, type ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { ensureWebhookSecret } from "./webhook-secrets";

/** `GET /api/v1/apps/{id}/webhook-secret`: the app's signing secret, created on the first read. */
export async function getWebhookSecret(principal: ApiKeyPrincipal, appId: string): Promise<{ secret: string }> {
  if (!isId("app", appId)) throw notFound("app");
  const prisma = await db();
  const app = await prisma.app.findFirst({ where: { id: appId, tenantId: principal.tenantId } });
  if (!app) throw notFound("app");
  assertKeyAllowsApp(principal, app.id);
  return { secret: await ensureWebhookSecret(prisma, app) };
}
