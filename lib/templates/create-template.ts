import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { announceConfigChange } from "@/lib/keys/config-version";
import { assertValidTemplate, duplicateTemplateError } from "./template-access";
import { requireApp } from "@/lib/keys/require-app";
import type { CreateTemplateInput } from "./template-schemas";
import { templateView, type TemplateView } from "./template-view";

/** Adds the app's template for a channel and locale; sends use it from the next request on. */
export async function createTemplate(
  principal: ApiKeyPrincipal,
  appId: string,
  input: CreateTemplateInput,
  actor: AuditActor,
): Promise<TemplateView> {
  const app = await requireApp(principal, appId);
  assertValidTemplate(input.body, input.channel);
  const prisma = await db();
  try {
    const template = await prisma.$transaction(async (tx) => {
      const created = await tx.template.create({
        data: { id: newId("tpl"), tenantId: app.tenantId, appId: app.id, ...input },
      });
      await recordAudit(
        actor,
        {
          action: "template.created",
          targetType: "template",
          targetId: created.id,
          data: { appId: app.id, channel: input.channel, locale: input.locale },
        },
        tx,
      );
      return created;
    });
    // Sends cache the app's templates under the tenant's configuration version.
    await announceConfigChange(app.tenantId);
    return templateView(template);
  } catch (error) {
    throw duplicateTemplateError(error, input);
  }
}
