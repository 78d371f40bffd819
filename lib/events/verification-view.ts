import type { Verification } from "@/lib/generated/prisma/client";

/**
 * The verification object of CONTRACT §4. A pending verification past its expiry reads as
 * `expired` even before the sweeper or a verify call has written that state.
 */
export function verificationView(v: Verification, now = new Date()) {
  const status = v.status === "pending" && v.expiresAt <= now ? "expired" : v.status;
  return {
    id: v.id,
    appId: v.appId,
    mode: v.mode,
    recipient: v.recipient,
    channel: v.channel,
    status,
    attempts: v.attempts,
    maxAttempts: v.maxAttempts,
    sendCount: v.sendCount,
    expiresAt: v.expiresAt.toISOString(),
    resendAvailableAt: v.resendAvailableAt.toISOString(),
    createdAt: v.createdAt.toISOString(),
    verifiedAt: v.verifiedAt?.toISOString() ?? null,
    isNewRecipient: v.isNewRecipient,
    externalId: v.externalId,
    metadata: v.metadata,
    delivery: {
      status: v.deliveryStatus,
      channel: v.deliveryChannel,
      provider: v.deliveryProvider,
      updatedAt: v.deliveryUpdatedAt.toISOString(),
    },
  };
}

export type VerificationView = ReturnType<typeof verificationView>;
