import { Prisma, type App, type Verification } from "@/lib/generated/prisma/client";
import { serverSecrets } from "@/lib/config/secrets";
import { db, writeStatement } from "@/lib/db/client";
import type { SqlRunner } from "@/lib/db/direct-sql";
import { EVENT_COLUMNS, eventData, eventDataSql } from "@/lib/events/event-sql";
import { verificationView, type VerificationView } from "@/lib/events/verification-view";
import { ApiError, notFound } from "@/lib/http/errors";
import { isId, newId } from "@/lib/ids";
import { recordVerifyHint } from "@/lib/metrics/record";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { limitIds } from "@/lib/rate-limit/policies";
import { countInRollupSql, countVerifyTimeSql } from "@/lib/reports/rollup";
import { enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";
import { assertOpen } from "./assert-open";
import { codeMatches, submittedCodeHash, type CodeAlphabet } from "./code";
import { findPendingVerification, findVerification, settleExpiry, VERIFICATION_COLUMNS } from "./find-verification";
import type { LimitGate } from "./limit-gate";
import { resolveApp, resolveRecipient } from "./resolve-target";
import type { VerifyOtpInput } from "./schemas";
import { readVerificationHint, type VerificationHint } from "./verification-hint";

export type VerifyOtpResult = { valid: true; verification: VerificationView };

/** The verification's app, as its events need it (its webhook URL). */
type EventApp = { id: string; webhookUrl: string | null };

/**
 * Checks a code. Whatever the path, the recipient's verify limit is charged before the code is
 * tried, and the state change is one conditional statement, never read-then-write:
 *
 * - a right code approves only if the row is still pending with the same code hash (a resend changes
 *   it), unexpired and with attempts left, so of any number of concurrent right answers exactly one
 *   wins;
 * - a wrong code increments `attempts` in the database under the row lock, so concurrent wrong
 *   answers are each counted once and the maxAttempts-th turns it `failed`.
 *
 * With the verification's hint (lib/otp/verification-hint.ts, read by the route in the round trip
 * of its per-key limit), a verify by id tries the approval first, its condition comparing the hash
 * of the submitted code: a right code costs that one statement. Without a hint, or when the approval
 * did not match, the verification is read and the submitted code compared with its hash in Node, in
 * constant time (codeMatches: HMAC then timingSafeEqual). Comparing in SQL is safe too: both sides are
 * HMACs under the server's pepper, so how long an equality takes says nothing about the code.
 *
 * Each statement writes its outcome, the verify attempt, the event and the rollups together
 * (approveStatement, countWrongCodeStatement); a transaction joins it only to owe a webhook.
 */
export async function verifyOtp(
  principal: ApiKeyPrincipal,
  input: VerifyOtpInput,
  limits: LimitGate,
  context: { ip: string | null },
  /** the verification's hint as the route read it (null: none found); undefined where none is read */
  hint?: VerificationHint | null,
): Promise<VerifyOtpResult> {
  if (input.id !== undefined && hint !== undefined) {
    const fits = hint !== null && hint.tenantId === principal.tenantId && hint.mode === principal.mode;
    recordVerifyHint(fits ? "hit" : "miss");
    if (fits) return verifyWithHint(principal, { id: input.id, code: input.code }, hint, limits, context.ip);
  }
  return verifyRead(principal, await locate(principal, input), input.code, limits, context.ip);
}

/** The approval first, for a verification whose hint fits the key; the read only when it did not match. */
async function verifyWithHint(
  principal: ApiKeyPrincipal,
  input: { id: string; code: string },
  hint: VerificationHint,
  limits: LimitGate,
  ip: string | null,
): Promise<VerifyOtpResult> {
  const app = await chargeVerifyLimit(principal, limits, hint);
  const approved = await approve(
    {
      id: input.id,
      tenantId: principal.tenantId,
      mode: principal.mode,
      appId: app.id,
      recipient: hint.recipient,
      codeHash: submittedCodeHash(input.code, serverSecrets().codePepper, input.id, hint.alphabet),
    },
    app,
    ip,
  );
  if (approved) return { valid: true, verification: verificationView(approved) };
  // A wrong code, or the verification is not open (or not the caller's): read it and answer as
  // without a hint. The attempt already counted against the recipient's limit.
  const verification = await findVerification(principal, input.id);
  if (verification.appId !== hint.appId || verification.recipient !== hint.recipient) {
    // Hints never change, so this does not happen. Were one wrong, the approval above could not
    // have matched (its condition names the hint's app and recipient), and the real limit applies.
    return verifyRead(principal, verification, input.code, limits, ip);
  }
  return checkCode(verification, input.code, app, ip);
}

/** For the route: the hint of the verification a verify by id names (null for a verify by recipient). */
export function readHintFor(input: VerifyOtpInput): Promise<VerificationHint | null> {
  return input.id !== undefined && isId("ver", input.id) ? readVerificationHint(input.id) : Promise.resolve(null);
}

/** The verify without a hint: the verification is read, then its recipient's limit, then the code. */
async function verifyRead(
  principal: ApiKeyPrincipal,
  verification: Verification,
  code: string,
  limits: LimitGate,
  ip: string | null,
): Promise<VerifyOtpResult> {
  const app = await chargeVerifyLimit(principal, limits, verification);
  return checkCode(verification, code, app, ip);
}

/**
 * The verification's app — through resolveApp: scoped to the tenant, refused for a key restricted to
 * other apps, served by the app cache where there is one — once its recipient's verify limit is charged.
 */
async function chargeVerifyLimit(
  principal: ApiKeyPrincipal,
  limits: LimitGate,
  verification: { appId: string; recipient: string },
): Promise<App> {
  const app = await resolveApp(principal, verification.appId);
  await limits.enforce([{ policy: "verifiesPerRecipient", id: limitIds.recipient(app.id, verification.recipient) }], app.rateLimits, {
    tenantId: principal.tenantId,
    appId: app.id,
  });
  return app;
}

/** The code against a verification as read (its recipient's limit already charged). */
async function checkCode(read: Verification, code: string, app: EventApp, ip: string | null): Promise<VerifyOtpResult> {
  const verification = await settleExpiry(read);
  assertOpen(verification);
  const pepper = serverSecrets().codePepper;
  const alphabet = verification.alphabet as CodeAlphabet;

  if (codeMatches(code, verification.codeHash, pepper, verification.id, alphabet)) {
    const approved = await approve(verification, app, ip);
    if (approved) return { valid: true, verification: verificationView(approved) };
    // Lost a race: someone approved it, it expired, or a resend replaced the code. Say which.
    const prisma = await db();
    const current = await settleExpiry(await prisma.verification.findUniqueOrThrow({ where: { id: verification.id } }));
    assertOpen(current);
    return rejectWrongCode(current, app, ip);
  }
  return rejectWrongCode(verification, app, ip);
}

async function locate(principal: ApiKeyPrincipal, input: VerifyOtpInput): Promise<Verification> {
  if (input.id !== undefined) return findVerification(principal, input.id);
  const app = await resolveApp(principal, input.appId);
  const recipient = resolveRecipient(input);
  const newest = await findPendingVerification(principal, app.id, recipient.e164);
  if (!newest) throw notFound("pending verification for this recipient");
  return newest;
}

/**
 * Runs `write` on its own (on the direct connection: one statement needs no transaction), or in a
 * transaction that also writes the webhook delivery its event owes.
 */
function withWebhook<T>(
  app: EventApp,
  write: (client: SqlRunner) => Promise<T>,
  owed: (result: T) => Parameters<typeof enqueueWebhook>[1] | null,
): Promise<T> {
  return writeStatement(
    write,
    app.webhookUrl
      ? async (tx, result) => {
          const event = owed(result);
          if (event) await enqueueWebhook(tx, event, app);
        }
      : undefined,
  );
}

/**
 * Which verification an approval may change, and the code hash it must still have. The recipient is
 * the one whose verify limit the attempt was charged to: an approval of any other does not match.
 */
type ApprovalTarget = Pick<Verification, "id" | "tenantId" | "mode" | "appId" | "recipient" | "codeHash">;

async function approve(target: ApprovalTarget, app: EventApp, ip: string | null): Promise<Verification | null> {
  const now = new Date();
  const eventId = newId("evt");
  const rows = await withWebhook(
    app,
    (client) => client.query<Verification>(approveStatement(target, { now, ip, eventId })),
    (rows) =>
      rows[0]
        ? { id: eventId, tenantId: target.tenantId, appId: target.appId, verificationId: target.id, type: "verification.approved", at: now }
        : null,
  );
  return rows[0] ?? null;
}

/**
 * Approval as one statement: the conditional update (the caller's tenant, mode and app, the recipient
 * whose limit was charged, the given code hash; pending, unexpired, attempts left), then — only when
 * it matched — the successful verify attempt, the recipient's "last approved" (first approval
 * creates it), `verification.approved`, and the `approved` rollup and time-to-verify histogram.
 * Everything but the target comes from the updated row, which it returns whole; no row when the
 * update matched nothing.
 */
function approveStatement(target: ApprovalTarget, at: { now: Date; ip: string | null; eventId: string }): Prisma.Sql {
  const now = Prisma.sql`${at.now}::timestamp`;
  return Prisma.sql`
    WITH approved AS (
      UPDATE "Verification"
         SET "status" = 'approved', "verifiedAt" = ${now}, "endedAt" = ${now}, "codeEncrypted" = NULL, "updatedAt" = ${now}
       WHERE "id" = ${target.id} AND "tenantId" = ${target.tenantId} AND "mode" = ${target.mode}::"KeyMode"
         AND "appId" = ${target.appId} AND "recipient" = ${target.recipient}
         AND "status" = 'pending' AND "codeHash" = ${target.codeHash} AND "expiresAt" > ${now} AND "attempts" < "maxAttempts"
   RETURNING ${VERIFICATION_COLUMNS}
    ), attempt AS (
      INSERT INTO "VerifyAttempt" ("id", "tenantId", "verificationId", "success", "reason", "ip", "createdAt")
      SELECT ${newId("vat")}, a."tenantId", a."id", true, 'approved', ${at.ip}::text, ${now} FROM approved a
    ), known_recipient AS (
      INSERT INTO "Recipient" ("id", "tenantId", "phone", "firstApprovedAt", "lastApprovedAt")
      SELECT ${newId("rcp")}, a."tenantId", a."recipient", ${now}, ${now} FROM approved a
      ON CONFLICT ("tenantId", "phone") DO UPDATE SET "lastApprovedAt" = EXCLUDED."lastApprovedAt"
    ), approved_event AS (
      INSERT INTO "Event" ${EVENT_COLUMNS}
      SELECT ${at.eventId}, a."tenantId", a."appId", a."id", a."mode", 'verification.approved',
             ${eventDataSql({}, Prisma.sql`a."source"`)}
               || jsonb_build_object('secondsToVerify', round(extract(epoch FROM ${now} - a."createdAt"))::int, 'attempts', a."attempts" + 1),
             ${now}
        FROM approved a
    ), approved_rollup AS (${countInRollupSql("approved", Prisma.sql`approved v`)}
    ), verify_time AS (${countVerifyTimeSql(Prisma.sql`approved v`)})
    SELECT * FROM approved`;
}

type Counted = { attempts: number; maxAttempts: number; status: string };

async function rejectWrongCode(verification: Verification, app: EventApp, ip: string | null): Promise<never> {
  const now = new Date();
  const eventId = newId("evt");
  const rows = await withWebhook(
    app,
    (client) => client.query<Counted>(countWrongCodeStatement(verification, { now, ip, eventId })),
    (rows) =>
      rows[0]?.status === "failed"
        ? { id: eventId, tenantId: verification.tenantId, appId: verification.appId, verificationId: verification.id, type: "verification.failed", at: now }
        : null,
  );
  const counted = rows[0];
  if (!counted) {
    // It left `pending` between our read and the write (another wrong answer failed it, or it was approved).
    const prisma = await db();
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

/**
 * A wrong code as one statement: the increment and the `failed` transition happen in the database,
 * under the row lock (pending with attempts left), then — only when it matched — the failed verify
 * attempt, and on the last allowed attempt `verification.failed` and the `failed` rollup.
 */
function countWrongCodeStatement(v: Verification, at: { now: Date; ip: string | null; eventId: string }): Prisma.Sql {
  const now = Prisma.sql`${at.now}::timestamp`;
  const last = Prisma.sql`"attempts" + 1 >= "maxAttempts"`;
  return Prisma.sql`
    WITH counted AS (
      UPDATE "Verification"
         SET "attempts" = "attempts" + 1,
             "status" = CASE WHEN ${last} THEN 'failed'::"VerificationStatus" ELSE "status" END,
             "endedAt" = CASE WHEN ${last} THEN ${now} ELSE "endedAt" END,
             "codeEncrypted" = CASE WHEN ${last} THEN NULL ELSE "codeEncrypted" END,
             "updatedAt" = ${now}
       WHERE "id" = ${v.id} AND "status" = 'pending' AND "attempts" < "maxAttempts"
   RETURNING "id", "tenantId", "mode", "appId", "startChannel", "country", "createdAt", "attempts", "maxAttempts", "status"
    ), attempt AS (
      INSERT INTO "VerifyAttempt" ("id", "tenantId", "verificationId", "success", "reason", "ip", "createdAt")
      SELECT ${newId("vat")}, c."tenantId", c."id", false,
             CASE WHEN c."status" = 'failed' THEN 'too_many_attempts' ELSE 'invalid_code' END, ${at.ip}::text, ${now}
        FROM counted c
    ), failed_event AS (
      INSERT INTO "Event" ${EVENT_COLUMNS}
      SELECT ${at.eventId}, c."tenantId", c."appId", c."id", ${v.mode}::"KeyMode", 'verification.failed',
             ${JSON.stringify(eventData({ reason: "too_many_attempts" }, v.source))}::jsonb || jsonb_build_object('attempts', c."attempts"),
             ${now}
        FROM counted c WHERE c."status" = 'failed'
    ), failed_rollup AS (${countInRollupSql("failed", Prisma.sql`counted v WHERE v."status" = 'failed'`)})
    SELECT "attempts", "maxAttempts", "status"::text AS "status" FROM counted`;
}
