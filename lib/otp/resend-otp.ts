import { serverSecrets } from "@/lib/config/secrets";
import { db } from "@/lib/db/client";
import { planDelivery } from "@/lib/delivery/plan-delivery";
import { startDelivery } from "@/lib/delivery/start-delivery";
import { ApiError } from "@/lib/http/errors";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { assertOpen } from "./assert-open";
import { generateCode, hashCode, type CodeAlphabet } from "./code";
import { enforceSendLimits } from "./enforce-send-limits";
import { recordEvent } from "./events";
import { findVerification, settleExpiry } from "./find-verification";
import type { LimitGate } from "./limit-gate";
import { assertCanMessage, resolveRecipient } from "./resolve-target";
import { verificationView } from "./verification-view";

/**
 * Sends a fresh code for the same verification: the previous code stops working, `sendCount`
 * goes up, `attempts` stays (a resend never buys more guesses), and the new code gets a full ttl.
 */
export async function resendOtp(
  principal: ApiKeyPrincipal,
  input: { id: string; channel?: "sms" | "whatsapp" | "auto" },
  limits: LimitGate,
) {
  const verification = await settleExpiry(await findVerification(principal, input.id));
  assertOpen(verification);
  const prisma = await db();
  const app = await prisma.app.findUniqueOrThrow({ where: { id: verification.appId } });

  const now = new Date();
  if (verification.resendAvailableAt > now) {
    const retryAfter = Math.max(
      1,
      Math.ceil((verification.resendAvailableAt.getTime() - now.getTime()) / 1000),
    );
    throw new ApiError(
      "rate_limited",
      `Wait ${retryAfter} s before sending another code.`,
      { retryAfter, reason: "resend_cooldown" },
      // The cooldown is the limit that refused: one send per cooldown, none left until it ends.
      { "Retry-After": String(retryAfter), ...refusedBy(1, retryAfter) },
    );
  }
  if (verification.sendCount >= verification.maxSends) {
    throw new ApiError(
      "rate_limited",
      `This verification already sent ${verification.maxSends} codes. Start a new verification later.`,
      {
        retryAfter: Math.max(1, Math.ceil((verification.expiresAt.getTime() - now.getTime()) / 1000)),
        reason: "max_sends",
      },
      {
        "Retry-After": String(
          Math.max(1, Math.ceil((verification.expiresAt.getTime() - now.getTime()) / 1000)),
        ),
        ...refusedBy(verification.maxSends, Math.max(1, Math.ceil((verification.expiresAt.getTime() - now.getTime()) / 1000))),
      },
    );
  }

  // No channel given: the channel the verification was started on, without fallback.
  const delivery = planDelivery(app, principal.mode, input.channel ?? verification.channel);
  const channel = delivery.channel;
  const recipient = resolveRecipient({ recipient: verification.recipient });
  assertCanMessage(app, recipient, channel);
  await enforceSendLimits(limits, app, recipient);

  const code = generateCode(verification.codeLength, verification.alphabet as CodeAlphabet);
  const template = verification.templateId
    ? await prisma.template.findUnique({ where: { id: verification.templateId } })
    : null;
  const updated = await prisma.$transaction(async (tx) => {
    // Conditional on the sendCount we read: two concurrent resends cannot both issue a code.
    const { count } = await tx.verification.updateMany({
      where: { id: verification.id, status: "pending", sendCount: verification.sendCount },
      data: {
        codeHash: hashCode(code, serverSecrets().codePepper, verification.id),
        sendCount: { increment: 1 },
        channel,
        expiresAt: new Date(now.getTime() + app.ttl * 1000),
        resendAvailableAt: new Date(now.getTime() + app.resendCooldown * 1000),
        deliveryStatus: "queued",
        deliveryChannel: channel,
        deliveryProvider: delivery.provider,
        deliveryUpdatedAt: now,
      },
    });
    if (count === 0) return null;
    const fresh = await tx.verification.findUniqueOrThrow({ where: { id: verification.id } });
    await recordEvent(tx, {
      tenantId: fresh.tenantId,
      appId: fresh.appId,
      verificationId: fresh.id,
      type: "verification.resent",
      data: { sendCount: fresh.sendCount, channel },
    });
    return startDelivery(tx, { app, verification: fresh, code, template, plan: delivery });
  });
  if (!updated) {
    throw new ApiError(
      "rate_limited",
      "Another resend of this verification is in progress.",
      { retryAfter: 1 },
      { "Retry-After": "1" },
    );
  }
  const view = verificationView(updated);
  return app.exposeCode ? { ...view, code } : view;
}

/** RateLimit-* headers of a per-verification limit that refused a resend (CONTRACT §5). */
function refusedBy(limit: number, resetSeconds: number): Record<string, string> {
  return { "RateLimit-Limit": String(limit), "RateLimit-Remaining": "0", "RateLimit-Reset": String(resetSeconds) };
}
