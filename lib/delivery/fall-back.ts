import type { Prisma, Verification } from "@/lib/generated/prisma/client";
import type { KeyMode } from "@/lib/keys/secret-format";
import { enqueueAttempt } from "./delivery-jobs";
import { providerFor, type Channel } from "./plan-delivery";

/**
 * The message on the verification's current channel failed (the provider said so, or no receipt came
 * in time). Moves on to the next channel of the plan with the same code, or settles delivery as
 * `failed` when none is left. Conditional on the step, so two reports of one failure move on once.
 * Returns the channel it fell back to, if any.
 */
export async function failStep(tx: Prisma.TransactionClient, verification: Verification, step: number): Promise<{ fallbackChannel?: Channel }> {
  const now = new Date();
  const where = { id: verification.id, sendCount: verification.sendCount, deliveryStep: step, deliveryStatus: { in: ["queued" as const, "sent" as const] } };
  const next = step + 1;
  const nextChannel = verification.deliveryPlan[next] as Channel | undefined;
  if (nextChannel && verification.status === "pending" && verification.expiresAt > now && verification.codeEncrypted) {
    const app = await tx.app.findUniqueOrThrow({ where: { id: verification.appId }, select: { id: true, providersEncrypted: true } });
    const provider = providerFor(app, verification.mode as KeyMode, nextChannel);
    if (provider) {
      const { count } = await tx.verification.updateMany({
        where,
        data: { deliveryStep: next, deliveryStatus: "queued", deliveryChannel: nextChannel, deliveryProvider: provider, deliveryUpdatedAt: now },
      });
      if (count === 1) await enqueueAttempt(tx, { verificationId: verification.id, sendNumber: verification.sendCount, step: next, try: 0 });
      return count === 1 ? { fallbackChannel: nextChannel } : {};
    }
  }
  await tx.verification.updateMany({ where, data: { deliveryStatus: "failed", deliveryUpdatedAt: now, codeEncrypted: null } });
  return {};
}
