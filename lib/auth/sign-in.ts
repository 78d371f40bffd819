import { z } from "zod";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { checkLimits } from "@/lib/rate-limit/limiter";
import { RateLimitStoreUnavailableError } from "@/lib/rate-limit/errors";
import { hashPassword, verifyPassword } from "@/lib/users/password";

export type SignedInUser = { id: string; email: string; name: string | null };

const credentials = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().min(1).max(200),
});

/** A sign-in refusal whose message the form shows as it is. */
export class SignInError extends Error {
  override name = "SignInError";
}

// Compared against when the email is unknown, so an unknown email takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * Checks an email and password against the scrypt hash the CLI and the console write. Attempts are
 * limited per client IP and per email (lib/rate-limit/policies.ts) before any hash is computed,
 * and the limiter failing closes sign-in rather than opening it to guessing.
 */
export async function signInWithPassword(raw: unknown, ip: string | null): Promise<SignedInUser | null> {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  try {
    const result = await checkLimits([
      { policy: "signInPerIp", id: ip ?? "unknown" },
      { policy: "signInPerEmail", id: email },
    ]);
    if (!result.ok) {
      const minutes = Math.max(1, Math.ceil(result.failed.retryAfterSeconds / 60));
      throw new SignInError(`Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    }
  } catch (error) {
    if (error instanceof RateLimitStoreUnavailableError) {
      logger.error({ err: error }, "sign-in refused: the rate-limit store does not answer");
      throw new SignInError("Sign-in is unavailable right now. Try again in a minute.");
    }
    throw error;
  }
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) {
    dummyHash ??= hashPassword("not a real password");
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}
