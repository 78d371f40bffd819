import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { announceConfigChange } from "@/lib/keys/config-version";
import { templateOfApp } from "./template-access";
import { requireApp } from "@/lib/keys/require-app";

/**
 * Removes a template: later sends for its channel and locale use the built-in one, and so does a
 * resend of a verification that named it.
 */
export async function deleteTemplate(
  principal: ApiKeyPrincipal,
  appId: string,
  templateId: string,
  actor: AuditActor,
): Promise<void> {
  const app = await requireApp(principal, appId);
  const template = await templateOfApp(app, templateId);
  const prisma = await db();
  // deleteMany: a concurrent delete of the same template is not an error for the second caller.
  await prisma.$transaction(async (tx) => {
    await tx.template.deleteMany({ where: { id: template.id } });
    await recordAudit(
      actor,
      { action: "template.deleted", targetType: "template", targetId: template.id, data: { appId: app.id } },
      tx,
    );
  });
  // Sends cache the app's templates under the tenant's configuration version.
  await announceConfigChange(app.tenantId);
}
