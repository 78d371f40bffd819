import { z } from "zod";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { checkLimits, peekLimits } from "@/lib/rate-limit/limiter";
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
 * Checks an email and password against the scrypt hash the CLI and the console write. Failed attempts
 * are limited per client IP and per email (lib/rate-limit/policies.ts), checked before any hash is
 * computed.
 */
export async function signInWithPassword(raw: unknown, ip: string | null): Promise<SignedInUser | null> {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const limits = [
    { policy: "signInPerIp" as const, id: ip ?? "unknown" },
    { policy: "signInPerEmail" as const, id: email },
  ];
  await refuseWhenExhausted(limits);
  const user = await checkPassword(email, password);
  // Only failed attempts count (as lockouts do): a person who signs in often is not a guesser. Parallel
  // guesses can overshoot by the requests in flight, each of which pays a full scrypt.
  if (!user) await limitStore(() => checkLimits(limits));
  return user;
}

async function refuseWhenExhausted(limits: Parameters<typeof peekLimits>[0]): Promise<void> {
  const states = await limitStore(() => peekLimits(limits));
  const exhausted = states.filter((state) => state.remaining <= 0);
  if (exhausted.length === 0) return;
  const reset = Math.max(...exhausted.map((state) => state.reset));
  const minutes = Math.max(1, Math.ceil((reset - Date.now()) / 60_000));
  throw new SignInError(`Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}

/** The limiter failing closes sign-in rather than opening it to guessing. */
async function limitStore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RateLimitStoreUnavailableError) {
      logger.error({ err: error }, "sign-in refused: the rate-limit store does not answer");
      throw new SignInError("Sign-in is unavailable right now. Try again in a minute.");
    }
    throw error;
  }
}

async function checkPassword(email: string, password: string): Promise<SignedInUser | null> {
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
