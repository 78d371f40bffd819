import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { appForKey, assertValidTemplate, duplicateTemplateError } from "./template-access";
import type { CreateTemplateInput } from "./template-schemas";
import { templateView, type TemplateView } from "./template-view";

/** Adds the app's template for a channel and locale; sends use it from the next request on. */
export async function createTemplate(
  principal: ApiKeyPrincipal,
  appId: string,
  input: CreateTemplateInput,
): Promise<TemplateView> {
  const app = await appForKey(principal, appId);
  assertValidTemplate(input.body, input.channel);
  const prisma = await db();
  try {
    const template = await prisma.template.create({
      data: { id: newId("tpl"), tenantId: app.tenantId, appId: app.id, ...input },
    });
    return templateView(template);
  } catch (error) {
    throw duplicateTemplateError(error, input);
  }
}
