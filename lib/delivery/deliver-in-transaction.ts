import type { App, Prisma, Template, Verification } from "@/lib/generated/prisma/client";
import { applyOutcome, createAttempt, sendThroughProvider } from "./attempt-delivery";
import { composeMessage } from "./compose-message";
import type { AttemptRef } from "./delivery-jobs";
import type { Channel } from "./plan-delivery";
import { createProvider } from "./providers/create-provider";

/**
 * One try through a provider that writes to the database (the outbox), in `tx`: the attempt, the
 * message and the outcome commit together. The send path calls this inside its own transaction.
 */
export async function deliverInTransaction(
  tx: Prisma.TransactionClient,
  input: {
    app: App;
    verification: Verification;
    code: string;
    ref: AttemptRef;
    channel: Channel;
    template: Template | null;
  },
): Promise<void> {
  const { app, verification, code, ref, channel } = input;
  const attempt = await createAttempt(tx, verification, ref, channel, "outbox");
  if (!attempt) return;
  const message = await composeMessage(tx, {
    app,
    verification: { ...verification, channel },
    code,
    template: input.template,
  });
  const outcome = await sendThroughProvider(createProvider("outbox", app, tx), {
    app,
    verification,
    attempt,
    ref,
    channel,
    code,
    message,
  });
  await applyOutcome(tx, attempt, outcome);
}
