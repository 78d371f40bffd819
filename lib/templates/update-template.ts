import { db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { appForKey, assertValidTemplate, duplicateTemplateError, templateOfApp } from "./template-access";
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
): Promise<TemplateView> {
  const app = await appForKey(principal, appId);
  const current = await templateOfApp(app, templateId);
  const next = {
    channel: input.channel ?? current.channel,
    locale: input.locale ?? current.locale,
    body: input.body ?? current.body,
  };
  assertValidTemplate(next.body, next.channel);
  const prisma = await db();
  try {
    const template = await prisma.template.update({ where: { id: current.id }, data: next });
    return templateView(template);
  } catch (error) {
    throw duplicateTemplateError(error, next);
  }
}
