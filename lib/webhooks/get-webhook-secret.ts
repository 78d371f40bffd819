import { db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { assertLiveKey, requireApp } from "@/lib/keys/require-app";
import { ensureWebhookSecret } from "./webhook-secrets";

/** `GET /api/v1/apps/{id}/webhook-secret`: the app's signing secret, created on the first read. */
export async function getWebhookSecret(principal: ApiKeyPrincipal, appId: string): Promise<{ secret: string }> {
  const app = await requireApp(principal, appId);
  assertLiveKey(principal, "read the webhook signing secret");
  const prisma = await db();
  return { secret: await ensureWebhookSecret(prisma, app) };
}
