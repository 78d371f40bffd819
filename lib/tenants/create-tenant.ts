import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { createApiKey, createPublishableKey } from "@/lib/keys/create-api-key";

export type CreatedTenant = {
  tenantId: string;
  appId: string;
  keys: { live: { keyId: string; secret: string }; test: { keyId: string; secret: string } };
  publishableKeys: { live: string; test: string };
};

/**
 * Creates a tenant with one default app, a secret key of each mode and a publishable key of each
 * mode (CONTRACT §2), in one transaction. The secrets in the result are never readable again.
 * `actorOf` names who did it in the new tenant's audit log (`tenant.created`, in the transaction).
 */
export async function createTenant(
  input: { name: string; appName?: string },
  actorOf?: (tenantId: string) => AuditActor,
): Promise<CreatedTenant> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { id: newId("ten"), name: input.name } });
    const app = await tx.app.create({
      data: { id: newId("app"), tenantId: tenant.id, name: input.appName ?? input.name },
    });
    const live = await createApiKey(tx, { tenantId: tenant.id, mode: "live" });
    const test = await createApiKey(tx, { tenantId: tenant.id, mode: "test" });
    const publishableLive = await createPublishableKey(tx, { tenantId: tenant.id, appId: app.id, mode: "live" });
    const publishableTest = await createPublishableKey(tx, { tenantId: tenant.id, appId: app.id, mode: "test" });
    if (actorOf) {
      const data = { name: input.name, keys: [live.keyId, test.keyId] };
      await recordAudit(actorOf(tenant.id), { action: "tenant.created", targetType: "tenant", targetId: tenant.id, data }, tx);
    }
    return {
      tenantId: tenant.id,
      appId: app.id,
      keys: {
        live: { keyId: live.keyId, secret: live.secret },
        test: { keyId: test.keyId, secret: test.secret },
      },
      publishableKeys: { live: publishableLive, test: publishableTest },
    };
  });
}
