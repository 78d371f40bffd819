import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { toProblem } from "@/lib/http/problem";
import { RateLimitTracker } from "@/lib/http/rate-limit-tracker";
import { newId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { metrics } from "@/lib/metrics/registry";
import { resendOtp } from "@/lib/otp/resend-otp";
import { sendOtp } from "@/lib/otp/send-otp";
import { readVerificationHint, type VerificationHint } from "@/lib/otp/verification-hint";
import { readHintFor, verifyOtp } from "@/lib/otp/verify-otp";
import { api, randomMobile } from "../../helpers/api";
import { newTenant, readCode, type TestTenant } from "../../helpers/tenant";

// A verify by id with its verification's hint (lib/otp/verification-hint.ts) tries the approval
// first. These run the use cases in this process, against this process's limiter store, so the
// hint counter below is this process's alone.

function testKey(t: TestTenant, appIds: string[] = []): ApiKeyPrincipal {
  return { keyId: t.test.keyId, tenantId: t.tenantId, mode: "test", appIds };
}

async function hintCounts(): Promise<{ hit: number; miss: number }> {
  const { values } = await metrics().verifyHints.get();
  const of = (result: string) => values.find((v) => v.labels.result === result)?.value ?? 0;
  return { hit: of("hit"), miss: of("miss") };
}

async function sendTo(t: TestTenant, recipient = randomMobile()) {
  const sent = await sendOtp(testKey(t), { recipient }, new RateLimitTracker());
  return { id: sent.id, recipient, code: await readCode(t.test, recipient) };
}

/** What the route does: the hint read for the request, then the verify with it. */
async function verifyAsRoute(principal: ApiKeyPrincipal, input: { id: string; code: string }, limits = new RateLimitTracker()) {
  return verifyOtp(principal, input, limits, { ip: "203.0.113.7" }, await readHintFor(input));
}

describe("verify by id with the verification's hint", () => {
  it("a send leaves the hint; a right code approves through it, with its attempt, event and recipient", async () => {
    const t = await newTenant();
    const sent = await sendTo(t);
    expect(await readVerificationHint(sent.id)).toEqual({
      tenantId: t.tenantId,
      mode: "test",
      appId: t.appId,
      recipient: sent.recipient,
      alphabet: "numeric",
    } satisfies VerificationHint);

    const before = await hintCounts();
    const result = await verifyAsRoute(testKey(t), { id: sent.id, code: sent.code });
    expect(await hintCounts()).toEqual({ hit: before.hit + 1, miss: before.miss });
    expect(result.valid).toBe(true);
    expect(result.verification).toMatchObject({ id: sent.id, status: "approved", attempts: 0 });

    const prisma = await db();
    const row = await prisma.verification.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.status).toBe("approved");
    expect(row.codeEncrypted).toBeNull();
    expect(result.verification.verifiedAt).toBe(row.verifiedAt!.toISOString());
    const attempts = await prisma.verifyAttempt.findMany({ where: { verificationId: sent.id } });
    expect(attempts.map((a) => [a.success, a.reason, a.ip])).toEqual([[true, "approved", "203.0.113.7"]]);
    const approved = await prisma.event.findFirstOrThrow({ where: { verificationId: sent.id, type: "verification.approved" } });
    expect(approved.mode).toBe("test");
    expect(approved.data).toMatchObject({ attempts: 1, secondsToVerify: expect.any(Number) });
    expect(await prisma.recipient.count({ where: { tenantId: t.tenantId, phone: sent.recipient } })).toBe(1);
    // A code works once: the second try reads the row and says why.
    const again = await verifyAsRoute(testKey(t), { id: sent.id, code: sent.code }).catch((e: unknown) => toProblem(e));
    expect(again).toMatchObject({ status: 409, code: "already_verified" });
  });

  it("a wrong code through the hint is counted once, as without it", async () => {
    const t = await newTenant({ maxAttempts: 3 });
    const sent = await sendTo(t);
    const wrong = sent.code === "000000" ? "111111" : "000000";
    const thrown = await verifyAsRoute(testKey(t), { id: sent.id, code: wrong }).catch((e: unknown) => toProblem(e));
    expect(thrown).toMatchObject({ status: 422, code: "invalid_code", extra: { attemptsRemaining: 2 } });
    const prisma = await db();
    expect(await prisma.verification.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "pending", attempts: 1 });
    expect(await prisma.verifyAttempt.count({ where: { verificationId: sent.id, success: false } })).toBe(1);
    expect((await verifyAsRoute(testKey(t), { id: sent.id, code: sent.code })).verification.status).toBe("approved");
  });

  it("the recipient's verify limit is charged before the code is tried", async () => {
    const t = await newTenant({ rateLimits: { verifiesPerRecipient: 1, verifiesPerRecipientWindow: 600 } });
    const sent = await sendTo(t);
    const wrong = sent.code === "000000" ? "111111" : "000000";
    await expect(verifyAsRoute(testKey(t), { id: sent.id, code: wrong })).rejects.toMatchObject({ code: "invalid_code" });
    const refused = await verifyAsRoute(testKey(t), { id: sent.id, code: sent.code }).catch((e: unknown) => toProblem(e));
    expect(refused).toMatchObject({ status: 429, code: "rate_limited" });
    // Refused before the approval: still pending, the refused try not counted.
    const prisma = await db();
    expect(await prisma.verification.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "pending", attempts: 1 });
    expect(await prisma.verifyAttempt.count({ where: { verificationId: sent.id } })).toBe(1);
  });

  it("a hint that does not fit the row never approves through it: the row is read and its own limit applies", async () => {
    const t = await newTenant({ rateLimits: { verifiesPerRecipient: 1, verifiesPerRecipientWindow: 600 } });
    const sent = await sendTo(t);
    // Pointing at another recipient (hints never change; this stands for one that were wrong).
    const wrongRecipient: VerificationHint = {
      tenantId: t.tenantId,
      mode: "test",
      appId: t.appId,
      recipient: randomMobile(),
      alphabet: "numeric",
    };
    const result = await verifyOtp(testKey(t), { id: sent.id, code: sent.code }, new RateLimitTracker(), { ip: null }, wrongRecipient);
    expect(result.verification.status).toBe("approved");
    // The real recipient's limit (1 per window) was charged by that verify: another is refused.
    const next = await sendTo(t, sent.recipient);
    const refused = await verifyAsRoute(testKey(t), { id: next.id, code: next.code }).catch((e: unknown) => toProblem(e));
    expect(refused).toMatchObject({ status: 429, code: "rate_limited" });
  });

  it("walls hold with a hint: another mode's key gets 404, a key for other apps 403, and nothing changes", async () => {
    const t = await newTenant();
    const sent = await sendTo(t);
    const live: ApiKeyPrincipal = { keyId: t.live.keyId, tenantId: t.tenantId, mode: "live", appIds: [] };
    const otherMode = await verifyAsRoute(live, { id: sent.id, code: sent.code }).catch((e: unknown) => toProblem(e));
    expect(otherMode).toMatchObject({ status: 404, code: "not_found" });
    const other = await newTenant();
    const otherTenant = await verifyAsRoute(testKey(other), { id: sent.id, code: sent.code }).catch((e: unknown) => toProblem(e));
    expect(otherTenant).toMatchObject({ status: 404, code: "not_found" });
    const restricted = await verifyAsRoute(testKey(t, [newId("app")]), { id: sent.id, code: sent.code }).catch((e: unknown) => toProblem(e));
    expect(restricted).toMatchObject({ status: 403, code: "forbidden" });
    const prisma = await db();
    expect(await prisma.verification.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "pending", attempts: 0 });
    expect(await prisma.verifyAttempt.count({ where: { verificationId: sent.id } })).toBe(0);
  });

  it("a resend keeps the hint and its new code approves through it; the old code does not", async () => {
    const t = await newTenant({ resendCooldown: 0 });
    const sent = await sendTo(t);
    await resendOtp(testKey(t), { id: sent.id }, new RateLimitTracker());
    const code = await readCode(t.test, sent.recipient);
    if (code !== sent.code) {
      await expect(verifyAsRoute(testKey(t), { id: sent.id, code: sent.code })).rejects.toMatchObject({ code: "invalid_code" });
    }
    const before = await hintCounts();
    expect((await verifyAsRoute(testKey(t), { id: sent.id, code })).verification.status).toBe("approved");
    expect((await hintCounts()).hit).toBe(before.hit + 1);
  });

  it("without a hint (a verification from before hints, or one the store lost) the row is read first", async () => {
    const t = await newTenant();
    const sent = await sendTo(t);
    // A copy of the verification under a new id has no hint; its code is the copy's own.
    const prisma = await db();
    const copy = await sendTo(t);
    const id = newId("ver");
    await prisma.$executeRaw`
      INSERT INTO "Verification"
      SELECT (jsonb_populate_record(v, jsonb_build_object('id', ${id}::text, 'recipient', ${randomMobile()}::text))).*
        FROM "Verification" v WHERE v."id" = ${copy.id}`;
    // The copy kept the other's code hash, which is bound to the other id: no code can match it.
    expect(await readVerificationHint(id)).toBeNull();
    const before = await hintCounts();
    const thrown = await verifyAsRoute(testKey(t), { id, code: copy.code }).catch((e: unknown) => toProblem(e));
    expect(thrown).toMatchObject({ status: 422, code: "invalid_code" });
    expect(await hintCounts()).toEqual({ hit: before.hit, miss: before.miss + 1 });
    // And the hinted one still approves over HTTP, through the server's own store.
    const response = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: sent.id, code: sent.code } });
    expect(response.status, response.text).toBe(200);
    expect(response.body.verification.status).toBe("approved");
  });
});
