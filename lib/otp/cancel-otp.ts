import { db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { assertOpen } from "./assert-open";
import { recordEvent } from "./events";
import { findVerification, settleExpiry } from "./find-verification";
import { verificationView, type VerificationView } from "./verification-view";

/** Cancels a pending verification: its code stops working. Canceling twice answers the same. */
export async function cancelOtp(principal: ApiKeyPrincipal, id: string): Promise<VerificationView> {
  const verification = await settleExpiry(await findVerification(principal, id));
  if (verification.status === "canceled") return verificationView(verification);
  assertOpen(verification);
  const prisma = await db();
  const result = await prisma.$transaction(async (tx) => {
    const { count } = await tx.verification.updateMany({
      where: { id, status: "pending" },
      data: { status: "canceled", endedAt: new Date() },
    });
    if (count === 1) {
      await recordEvent(tx, {
        tenantId: verification.tenantId,
        appId: verification.appId,
        verificationId: id,
        type: "verification.canceled",
        data: { reason: "api" },
      });
    }
    return tx.verification.findUniqueOrThrow({ where: { id } });
  });
  if (result.status !== "canceled") assertOpen(result);
  return verificationView(result);
}
