import { Prisma, type Verification } from "@/lib/generated/prisma/client";
import { db, directSql } from "@/lib/db/client";
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
  const { tenantId, mode } = ownModeWhere(principal);
  const [verification] = await selectVerifications(
    Prisma.sql`"id" = ${id} AND "tenantId" = ${tenantId} AND "mode" = ${mode}::"KeyMode"`,
  );
  if (!verification) throw notFound("verification");
  assertKeyAllowsApp(principal, verification.appId);
  return verification;
}

/**
 * The newest pending verification of a recipient in one app and mode (verify by recipient), through
 * the index that keeps "one pending per app, mode and recipient".
 */
export async function findPendingVerification(
  principal: ApiKeyPrincipal,
  appId: string,
  recipient: string,
): Promise<Verification | null> {
  const { tenantId, mode } = ownModeWhere(principal);
  const [verification] = await selectVerifications(
    Prisma.sql`"appId" = ${appId} AND "tenantId" = ${tenantId} AND "mode" = ${mode}::"KeyMode"
      AND "recipient" = ${recipient} AND "status" = 'pending' ORDER BY "createdAt" DESC LIMIT 1`,
  );
  return verification ?? null;
}

/**
 * Every column of Verification, as Prisma's client would give them: an enum array as text[] (node-postgres
 * does not know the enum's array type), timestamps as UTC Dates (lib/db/direct-sql.ts). Built from the
 * generated field list, so a new column is read without touching this; a test compares a row read here
 * with Prisma's own read of it.
 */
export const VERIFICATION_COLUMNS = Prisma.raw(
  Object.values(Prisma.VerificationScalarFieldEnum)
    .map((column) => (column === "deliveryPlan" ? `"deliveryPlan"::text[] AS "deliveryPlan"` : `"${column}"`))
    .join(", "),
);

/** Verifications matching `where` (which may end in ORDER BY / LIMIT), on the hot path's direct connection. */
async function selectVerifications(where: Prisma.Sql): Promise<Verification[]> {
  const sql = await directSql();
  return sql.query<Verification>(Prisma.sql`SELECT ${VERIFICATION_COLUMNS} FROM "Verification" WHERE ${where}`);
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
