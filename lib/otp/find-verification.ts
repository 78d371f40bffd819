import type { Verification } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import { assertKeyAllowsApp, type ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { ownModeWhere } from "@/lib/keys/require-app";
import { expireIfOverdue } from "./expire-overdue";

/**
 * A verification of the key's tenant and mode by id. Another tenant's id, another mode's id, a
 * malformed id and an unknown id all answer the same 404, so nothing about them can be learned.
 */
export async function findVerification(principal: ApiKeyPrincipal, id: string): Promise<Verification> {
  if (!isId("ver", id)) throw notFound("verification");
  const prisma = await db();
  const verification = await prisma.verification.findFirst({ where: { id, ...ownModeWhere(principal) } });
  if (!verification) throw notFound("verification");
  assertKeyAllowsApp(principal, verification.appId);
  return verification;
}

/**
 * Writes the `expired` state of a pending verification past its expiry (through the one writer of
 * expiry, lib/otp/expire-overdue.ts, which the sweep uses too), for the calls that change a
 * verification (verify, resend, cancel) and must answer from its real state. Reads never call it:
 * verificationView shows a pending verification past its expiry as `expired` without writing.
 * Returns the verification as it now is.
 */
export async function settleExpiry(verification: Verification, now = new Date()): Promise<Verification> {
  if (verification.status !== "pending" || verification.expiresAt > now) return verification;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await expireIfOverdue(tx, verification.id, now);
    return tx.verification.findUniqueOrThrow({ where: { id: verification.id } });
  });
}
