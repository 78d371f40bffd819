import type { Prisma } from "@/lib/generated/prisma/client";
import { writeOutboxMessage } from "../outbox";
import { testBehaviour } from "../test-numbers";
import { ProviderError, type DeliveryProvider, type OutgoingMessage } from "./types";

/**
 * Test mode's provider: the message is written to the outbox (CONTRACT §6) in the caller's
 * transaction, so it is delivered exactly when that commits. The magic test numbers
 * (test-numbers.ts) fail or withhold the receipt as documented.
 */
export function outboxProvider(tx: Prisma.TransactionClient): DeliveryProvider {
  return {
    name: "outbox",
    async send(message: OutgoingMessage) {
      const behaviour = testBehaviour(message.to);
      if (behaviour === "fails" || (behaviour === "first-channel-fails" && message.step === 0)) {
        throw new ProviderError("test number: delivery fails", "test_number_failure", false);
      }
      if (behaviour === "fails-once" && message.try === 0) {
        throw new ProviderError("test number: temporary failure", "test_number_temporary_failure", true);
      }
      const id = await writeOutboxMessage(tx, {
        tenantId: message.tenantId,
        appId: message.appId,
        verificationId: message.verificationId,
        to: message.to,
        channel: message.channel,
        body: message.body,
      });
      return { providerMessageId: id, status: behaviour === "no-receipt" ? "sent" : "delivered" };
    },
  };
}
