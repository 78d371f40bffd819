"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runConsoleAction, type ActionResult } from "@/lib/console/context";
import { notFound } from "@/lib/http/errors";
import { issueApiKey } from "@/lib/keys/issue-api-key";
import { revokeApiKey, rollApiKey } from "@/lib/keys/revoke-api-key";

export type NewSecret = { keyId: string; secret: string; mode: "live" | "test" };

export async function createKeyAction(input: unknown): Promise<ActionResult<NewSecret>> {
  return runConsoleAction("keys:write", async (ctx) => {
    const key = await issueApiKey(ctx.tenant.id, input as never, ctx.actor);
    revalidatePath("/console/api-keys");
    return { keyId: key.keyId, secret: key.secret, mode: key.mode };
  });
}

export async function revokeKeyAction(keyId: string): Promise<ActionResult<null>> {
  return runConsoleAction("keys:write", async (ctx) => {
    if (!(await revokeApiKey(String(keyId), ctx.tenant.id, ctx.actor))) throw notFound("active key");
    revalidatePath("/console/api-keys");
    return null;
  });
}

const rollSchema = z.object({ keyId: z.string().max(64), graceHours: z.coerce.number().int().min(0).max(720) });

/** Rolls a key: a new secret now; the old one keeps working for the grace period. */
export async function rollKeyAction(input: unknown): Promise<ActionResult<NewSecret>> {
  return runConsoleAction("keys:write", async (ctx) => {
    const { keyId, graceHours } = rollSchema.parse(input);
    // A grace of 0 still leaves a second for requests in flight.
    const expires = new Date(Date.now() + Math.max(graceHours * 3600_000, 1000));
    const rolled = await rollApiKey(keyId, ctx.tenant.id, expires, ctx.actor);
    if (!rolled) throw notFound("active key");
    revalidatePath("/console/api-keys");
    return { keyId: rolled.keyId, secret: rolled.secret, mode: rolled.mode };
  });
}
