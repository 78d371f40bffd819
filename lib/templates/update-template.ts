import type { AuditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { announceConfigChange } from "@/lib/keys/config-version";
import { assertValidTemplate, duplicateTemplateError, templateOfApp } from "./template-access";
import { requireApp } from "@/lib/keys/require-app";
import type { UpdateTemplateInput } from "./template-schemas";
import { templateView, type TemplateView } from "./template-view";

/**
 * Changes a template's channel, locale or body. The body is checked against the channel it will
 * have, so moving a long WhatsApp body to SMS is refused when it would not fit there.
 */
export async function updateTemplate(
  principal: ApiKeyPrincipal,
  appId: string,
  templateId: string,
  input: UpdateTemplateInput,
  actor: AuditActor,
): Promise<TemplateView> {
  const app = await requireApp(principal, appId);
  const current = await templateOfApp(app, templateId);
  const next = {
    channel: input.channel ?? current.channel,
    locale: input.locale ?? current.locale,
    body: input.body ?? current.body,
  };
  assertValidTemplate(next.body, next.channel);
  const prisma = await db();
  try {
    const template = await prisma.$transaction(async (tx) => {
      const updated = await tx.template.update({ where: { id: current.id }, data: next });
      await recordAudit(
        actor,
        {
          action: "template.updated",
          targetType: "template",
          targetId: current.id,
          data: { appId: app.id, changed: Object.keys(input).sort() },
        },
        tx,
      );
      return updated;
    });
    // Sends cache the app's templates under the tenant's configuration version.
    await announceConfigChange(app.tenantId);
    return templateView(template);
  } catch (error) {
    throw duplicateTemplateError(error, next);
  }
}
