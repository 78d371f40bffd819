import { db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { requireApp } from "@/lib/keys/require-app";
import { templateView, type TemplateView } from "./template-view";

/** The app's own templates, by channel then locale. Built-in templates are not listed. */
export async function listTemplates(principal: ApiKeyPrincipal, appId: string): Promise<TemplateView[]> {
  const app = await requireApp(principal, appId);
  const prisma = await db();
  const templates = await prisma.template.findMany({
    where: { appId: app.id, tenantId: app.tenantId },
    orderBy: [{ channel: "asc" }, { locale: "asc" }],
  });
  return templates.map(templateView);
}
