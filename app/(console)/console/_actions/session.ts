"use server";

import { revalidatePath } from "next/cache";
import { runConsoleAction, type ActionResult } from "@/lib/console/context";
import { MODE_COOKIE, setConsoleCookie, TENANT_COOKIE } from "@/lib/console/request";
import { notFound } from "@/lib/http/errors";

/** The tenant switcher: only a tenant the person belongs to. */
export async function switchTenantAction(tenantId: string): Promise<ActionResult<null>> {
  return runConsoleAction("read", async (ctx) => {
    if (!ctx.memberships.some((m) => m.tenantId === tenantId)) throw notFound("tenant");
    await setConsoleCookie(TENANT_COOKIE, tenantId);
    revalidatePath("/console", "layout");
    return null;
  });
}

/** The live/test data toggle (like Stripe's): which mode's data the console shows and acts on. */
export async function setModeAction(mode: string): Promise<ActionResult<null>> {
  return runConsoleAction("read", async () => {
    await setConsoleCookie(MODE_COOKIE, mode === "live" ? "live" : "test");
    revalidatePath("/console", "layout");
    return null;
  });
}
