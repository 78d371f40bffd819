import type { App, Prisma, Template, Verification } from "@/lib/generated/prisma/client";
import { applyOutcome, createAttempt, sendThroughProvider } from "./attempt-delivery";
import type { AttemptRef } from "./delivery-jobs";
import type { Channel } from "./plan-delivery";
import { messageInputOf, prepareMessage } from "./prepare-message";
import { createProvider } from "./providers/create-provider";

/**
 * One try through a provider that writes to the database (the outbox), in `tx`: the attempt, the
 * message and the outcome commit together. The worker calls it for the magic test numbers (their
 * failures, retries and fallbacks); an ordinary test send delivers inside its own statement
 * (lib/otp/send-statement.ts).
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
  const { app, verification, code, ref, channel, template } = input;
  const attempt = await createAttempt(tx, verification, ref, channel, "outbox");
  if (!attempt) return;
  const message = await prepareMessage(tx, messageInputOf(verification, { app, channel, code, template }));
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
