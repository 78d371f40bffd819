"use server";

import { revalidatePath } from "next/cache";
import { createApp } from "@/lib/apps/create-app";
import { getApp } from "@/lib/apps/get-app";
import { appSettingsSchema, createAppSchema } from "@/lib/apps/settings";
import { updateApp } from "@/lib/apps/update-app";
import { runConsoleAction, type ActionResult } from "@/lib/console/context";

/** Creates an app with the API's own schema and use case. */
export async function createAppAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runConsoleAction("apps:write", async (ctx) => {
    const settings = createAppSchema.parse(input);
    const app = await createApp(ctx.tenant.id, settings, ctx.actor);
    revalidatePath("/console/apps");
    return { id: app.id };
  });
}

/** Changes some of an app's settings (a partial update, like PATCH /api/v1/apps/{id}). */
export async function updateAppAction(appId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return runConsoleAction("apps:write", async (ctx) => {
    const settings = appSettingsSchema.parse(input);
    const app = await getApp(ctx.tenant.id, appId);
    await updateApp(ctx.tenant.id, app.id, settings, ctx.actor);
    revalidatePath(`/console/apps/${app.id}`);
    return { id: app.id };
  });
}
