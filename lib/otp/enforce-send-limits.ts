import type { App } from "@/lib/generated/prisma/client";
import { rateLimitIds } from "@/lib/rate-limit/policies";
import type { LimitGate } from "./limit-gate";
import type { Recipient } from "./resolve-target";

/**
 * The limits every message to a recipient counts against (CONTRACT §5; resends count too): per
 * recipient, per number prefix (SMS pumping walks ranges), and the tenant's daily spend cap.
 */
export async function enforceSendLimits(limits: LimitGate, app: App, recipient: Recipient): Promise<void> {
  const ids = rateLimitIds({
    tenantId: app.tenantId,
    appId: app.id,
    recipient: recipient.e164,
    numberPrefix: recipient.numberPrefix,
  });
  await limits.enforce(
    [
      { policy: "sendsPerRecipient", id: ids.recipient },
      { policy: "sendsPerNumberPrefix", id: ids.numberPrefix },
      // The tenant's cap, across all its apps and both modes: one counter, the tenant's value (the gate knows it).
      { policy: "sendsPerTenantPerDay", id: ids.tenant },
    ],
    app.rateLimits,
    { tenantId: app.tenantId, appId: app.id },
  );
}
