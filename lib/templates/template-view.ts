import type { Template } from "@/lib/generated/prisma/client";

/** The public template object of CONTRACT §4b. */
export function templateView(template: Template) {
  return {
    id: template.id,
    appId: template.appId,
    channel: template.channel,
    locale: template.locale,
    body: template.body,
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}

export type TemplateView = ReturnType<typeof templateView>;
