import { createHmac } from "node:crypto";
import { createChallenge, randomInt, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { z } from "zod";
import { serverSecrets } from "@/lib/config/secrets";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";

/**
 * The widget's proof of work before each send (CONTRACT §8), with altcha-lib: the server issues a
 * signed challenge bound to the app and expiring in a few minutes; the page finds the counter whose
 * SHA-256 (salt ‖ nonce ‖ counter) starts with the signed prefix (tens of thousands of hashes, well
 * under a second in a browser, without user interaction); the send presents it once.
 */
export const CHALLENGE_TTL_SECONDS = 300;
// The work: the solver tries counters from 0, so this is the number of hashes it computes.
const MIN_COUNTER = 5_000;
const MAX_COUNTER = 40_000;

export const powSolutionSchema = z.object({
  challenge: z.object({
    parameters: z.record(z.string(), z.unknown()),
    signature: z.string().max(256),
  }),
  solution: z.object({ counter: z.number().int().min(0).max(0xffffffff), derivedKey: z.string().max(256) }),
});
export type PowSolution = z.infer<typeof powSolutionSchema>;

export async function issueChallenge(appId: string): Promise<Challenge> {
  return createChallenge({
    algorithm: "SHA-256",
    cost: 1,
    counter: randomInt(MIN_COUNTER, MAX_COUNTER),
    deriveKey,
    data: { app: appId },
    expiresAt: new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000),
    ...secrets(),
  });
}

/**
 * Checks a solution and spends its challenge: valid signature, not expired, issued for this app,
 * solved, and never spent before (one insert keyed by the challenge's signature). Else 403.
 */
export async function spendChallenge(appId: string, pow: PowSolution | undefined): Promise<void> {
  if (!pow) throw refused("a proof-of-work solution is required before each send");
  const challenge = pow.challenge as unknown as Challenge;
  const result = await verifySolution({ challenge, solution: pow.solution, deriveKey, ...secrets() }).catch(() => null);
  if (!result?.verified) throw refused(result?.expired ? "the challenge expired; solve a new one" : "the solution does not solve the challenge");
  if (challenge.parameters.data?.app !== appId) throw refused("the challenge was issued for another app");
  const expiresAt = new Date(Number(challenge.parameters.expiresAt) * 1000);
  const prisma = await db();
  const inserted = await prisma.$executeRaw`
    INSERT INTO "WidgetChallengeUse" ("id", "appId", "expiresAt") VALUES (${pow.challenge.signature}, ${appId}, ${expiresAt})
    ON CONFLICT ("id") DO NOTHING`;
  if (inserted !== 1) throw refused("the challenge was already used; solve a new one");
  // Spent challenges are only needed until they expire; a few sends clean up for everyone.
  if (Math.random() < 0.02) {
    await prisma.widgetChallengeUse.deleteMany({ where: { expiresAt: { lt: new Date() } } }).catch(() => {});
  }
}

function refused(why: string): ApiError {
  return new ApiError("forbidden", `Proof of work refused: ${why}.`, { reason: "proof_of_work" });
}

function secrets() {
  const pepper = serverSecrets().codePepper;
  const derive = (label: string) => createHmac("sha256", pepper).update(`otpilot:widget-pow:${label}`).digest("hex");
  return { hmacSignatureSecret: derive("challenge"), hmacKeySignatureSecret: derive("key") };
}
