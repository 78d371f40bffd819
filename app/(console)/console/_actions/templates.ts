"use server";

import { revalidatePath } from "next/cache";
import { runConsoleAction, type ActionResult } from "@/lib/console/context";
import { createTemplate } from "@/lib/templates/create-template";
import { deleteTemplate } from "@/lib/templates/delete-template";
import { previewTemplate, type TemplatePreview } from "@/lib/templates/preview-template";
import {
  createTemplateSchema,
  previewTemplateSchema,
  updateTemplateSchema,
} from "@/lib/templates/template-schemas";
import { updateTemplate } from "@/lib/templates/update-template";

/** The message as it would be sent, rendered by the code that sends (any role may look). */
export async function previewTemplateAction(
  appId: string,
  input: unknown,
): Promise<ActionResult<TemplatePreview>> {
  return runConsoleAction("read", async (ctx) =>
    previewTemplate(ctx.principal, String(appId), previewTemplateSchema.parse(input)),
  );
}

export async function createTemplateAction(
  appId: string,
  input: unknown,
): Promise<ActionResult<{ id: string }>> {
  return runConsoleAction("templates:write", async (ctx) => {
    const parsed = createTemplateSchema.parse(input);
    const template = await createTemplate(ctx.principal, String(appId), parsed, ctx.actor);
    revalidatePath("/console/templates");
    return { id: template.id };
  });
}

export async function updateTemplateAction(
  appId: string,
  templateId: string,
  input: unknown,
): Promise<ActionResult<{ id: string }>> {
  return runConsoleAction("templates:write", async (ctx) => {
    const parsed = updateTemplateSchema.parse(input);
    const template = await updateTemplate(
      ctx.principal,
      String(appId),
      String(templateId),
      parsed,
      ctx.actor,
    );
    revalidatePath("/console/templates");
    return { id: template.id };
  });
}

export async function deleteTemplateAction(appId: string, templateId: string): Promise<ActionResult<null>> {
  return runConsoleAction("templates:write", async (ctx) => {
    await deleteTemplate(ctx.principal, String(appId), String(templateId), ctx.actor);
    revalidatePath("/console/templates");
    return null;
  });
}
