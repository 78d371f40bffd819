"use server";

import { revalidatePath } from "next/cache";
import { runConsoleAction, type ActionResult, type ConsoleContext } from "@/lib/console/context";
import { getWebhookSecret } from "@/lib/webhooks/get-webhook-secret";
import { redeliverWebhook } from "@/lib/webhooks/redeliver-webhook";
import { rollWebhookSecret } from "@/lib/webhooks/roll-webhook-secret";

// An app's webhook serves both modes; the API lets only live keys touch it. In the console a
// person's role decides, whichever data the live/test toggle shows.
const webhookPrincipal = (ctx: ConsoleContext) => ({ ...ctx.principal, mode: "live" as const });

/** Reveals the signing secret (a developer needs it to verify signatures); not audited: nothing changes. */
export async function revealWebhookSecretAction(appId: string): Promise<ActionResult<{ secret: string }>> {
  return runConsoleAction("webhooks:write", async (ctx) =>
    getWebhookSecret(webhookPrincipal(ctx), String(appId)),
  );
}

/** A new secret now; the replaced one keeps signing beside it for the grace period (24 h). */
export async function rollWebhookSecretAction(
  appId: string,
): Promise<ActionResult<{ secret: string; previousSecretExpiresAt: string | null }>> {
  return runConsoleAction("webhooks:write", async (ctx) => {
    const rolled = await rollWebhookSecret(webhookPrincipal(ctx), String(appId), ctx.actor);
    revalidatePath("/console/webhooks");
    return rolled;
  });
}

export async function redeliverWebhookAction(
  appId: string,
  deliveryId: string,
): Promise<ActionResult<{ id: string }>> {
  return runConsoleAction("webhooks:write", async (ctx) => {
    const delivery = await redeliverWebhook(webhookPrincipal(ctx), String(appId), String(deliveryId), ctx.actor);
    revalidatePath("/console/webhooks");
    return { id: delivery.id };
  });
}
