import type { Verification } from "@/lib/generated/prisma/client";
import { serverSecrets } from "@/lib/config/secrets";
import { db } from "@/lib/db/client";
import { ApiError, notFound } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { ownModeWhere } from "@/lib/keys/require-app";
import { rateLimitIds } from "@/lib/rate-limit/policies";
import { assertOpen } from "./assert-open";
import { codeMatches, type CodeAlphabet } from "./code";
import { recordEvent } from "./events";
import { findVerification, settleExpiry } from "./find-verification";
import type { LimitGate } from "./limit-gate";
import { resolveApp, resolveRecipient } from "./resolve-target";
import type { VerifyOtpInput } from "./schemas";
import { verificationView, type VerificationView } from "./verification-view";

export type VerifyOtpResult = { valid: true; verification: VerificationView };

/** The verification's app, as its events need it (its webhook URL). */
type EventApp = { id: string; webhookUrl: string | null };

/**
 * Checks a code. The state change is one conditional write, never read-then-write: approving
 * requires the row to still be pending with the same code hash, so of any number of concurrent
 * right answers exactly one wins; a wrong answer increments `attempts` in the database, so
 * concurrent wrong answers are each counted once and the maxAttempts-th turns it `failed`.
 */
export async function verifyOtp(
  principal: ApiKeyPrincipal,
  input: VerifyOtpInput,
  limits: LimitGate,
  context: { ip: string | null },
): Promise<VerifyOtpResult> {
  let verification = await locate(principal, input);
  const prisma = await db();
  const app = await prisma.app.findUniqueOrThrow({ where: { id: verification.appId }, select: { id: true, rateLimits: true, webhookUrl: true } });
  const ids = rateLimitIds({ tenantId: principal.tenantId, appId: app.id, recipient: verification.recipient, numberPrefix: "" });
  await limits.enforce([{ policy: "verifiesPerRecipient", id: ids.recipient }], app.rateLimits, {
    tenantId: principal.tenantId,
    appId: app.id,
  });

  verification = await settleExpiry(verification);
  assertOpen(verification);
  const pepper = serverSecrets().codePepper;
  const alphabet = verification.alphabet as CodeAlphabet;

  if (codeMatches(input.code, verification.codeHash, pepper, verification.id, alphabet)) {
    const approved = await approve(verification, app, context.ip);
    if (approved) return { valid: true, verification: verificationView(approved) };
    // Lost a race: someone approved it, it expired, or a resend replaced the code. Say which.
    const current = await settleExpiry(await prisma.verification.findUniqueOrThrow({ where: { id: verification.id } }));
    assertOpen(current);
    return rejectWrongCode(current, app, context.ip);
  }
  return rejectWrongCode(verification, app, context.ip);
}

async function locate(principal: ApiKeyPrincipal, input: VerifyOtpInput): Promise<Verification> {
  if (input.id !== undefined) return findVerification(principal, input.id);
  const app = await resolveApp(principal, input.appId);
  const recipient = resolveRecipient(input);
  const prisma = await db();
  const newest = await prisma.verification.findFirst({
    where: { appId: app.id, ...ownModeWhere(principal), recipient: recipient.e164, status: "pending" },
    orderBy: { createdAt: "desc" },
  });
  if (!newest) throw notFound("pending verification for this recipient");
  return newest;
}

async function approve(verification: Verification, app: EventApp, ip: string | null): Promise<Verification | null> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.verification.updateMany({
      where: {
        id: verification.id,
        status: "pending",
        codeHash: verification.codeHash,
        expiresAt: { gt: now },
        attempts: { lt: verification.maxAttempts },
      },
      data: { status: "approved", verifiedAt: now, endedAt: now },
    });
    if (count === 0) return null;
    await tx.verifyAttempt.create({
      data: { id: newId("vat"), tenantId: verification.tenantId, verificationId: verification.id, success: true, reason: "approved", ip },
    });
    await tx.recipient.upsert({
      where: { tenantId_phone: { tenantId: verification.tenantId, phone: verification.recipient } },
      create: { id: newId("rcp"), tenantId: verification.tenantId, phone: verification.recipient, firstApprovedAt: now, lastApprovedAt: now },
      update: { lastApprovedAt: now },
    });
    await recordEvent(tx, {
      tenantId: verification.tenantId,
      appId: verification.appId,
      verificationId: verification.id,
      type: "verification.approved",
      data: { attempts: verification.attempts + 1, secondsToVerify: Math.round((now.getTime() - verification.createdAt.getTime()) / 1000) },
    }, app);
    return tx.verification.findUniqueOrThrow({ where: { id: verification.id } });
  });
}

type Counted = { attempts: number; maxAttempts: number; status: string };

async function rejectWrongCode(verification: Verification, app: EventApp, ip: string | null): Promise<never> {
  const prisma = await db();
  const counted = await prisma.$transaction(async (tx) => {
    // The increment and the failed transition happen in the database, under the row lock.
    const rows = await tx.$queryRaw<Counted[]>`
      UPDATE "Verification"
         SET "attempts" = "attempts" + 1,
             "status" = CASE WHEN "attempts" + 1 >= "maxAttempts" THEN 'failed'::"VerificationStatus" ELSE "status" END,
             "endedAt" = CASE WHEN "attempts" + 1 >= "maxAttempts" THEN now() ELSE "endedAt" END,
             "updatedAt" = now()
       WHERE "id" = ${verification.id} AND "status" = 'pending' AND "attempts" < "maxAttempts"
   RETURNING "attempts", "maxAttempts", "status"::text AS "status"`;
    const row = rows[0];
    if (!row) return null;
    const failed = row.status === "failed";
    await tx.verifyAttempt.create({
      data: {
        id: newId("vat"),
        tenantId: verification.tenantId,
        verificationId: verification.id,
        success: false,
        reason: failed ? "too_many_attempts" : "invalid_code",
        ip,
      },
    });
    if (failed) {
      await recordEvent(tx, {
        tenantId: verification.tenantId,
        appId: verification.appId,
        verificationId: verification.id,
        type: "verification.failed",
        data: { reason: "too_many_attempts", attempts: row.attempts },
      }, app);
    }
    return row;
  });

  if (!counted) {
    // It left `pending` between our read and the write (another wrong answer failed it, or it was approved).
    const current = await prisma.verification.findUniqueOrThrow({ where: { id: verification.id } });
    assertOpen(await settleExpiry(current));
    throw new ApiError("failed", "This verification can no longer be verified.");
  }
  if (counted.status === "failed") {
    throw new ApiError(
      "too_many_attempts",
      `The wrong code was given ${counted.maxAttempts} times; this verification has failed. Send a new code.`,
      { attemptsRemaining: 0 },
    );
  }
  const attemptsRemaining = counted.maxAttempts - counted.attempts;
  throw new ApiError("invalid_code", `That code is not right. ${attemptsRemaining} attempt${attemptsRemaining === 1 ? "" : "s"} left.`, {
    attemptsRemaining,
  });
}
