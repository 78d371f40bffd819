import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { RateLimitStoreUnavailableError } from "./errors";
import { POLICIES, type PolicyLimit, type PolicyName } from "./policies";
import type { LimiterStore } from "./stores/store";

/** One policy applied to one identifier; `override` is the app's limit (see appPolicyLimit). */
export type LimitCheck = { policy: PolicyName; id: string; override?: PolicyLimit };

/** A limit's state after a check or peek. `reset` is when the window ends, in unix milliseconds. */
export type LimitState = { name: PolicyName; limit: number; remaining: number; reset: number };

type FailedLimit = LimitState & { retryAfterSeconds: number };

/** `tightest` is the limit for the RateLimit-* headers: the failed one, else the one with the fewest remaining. */
export type LimitsResult =
  | { ok: true; tightest: LimitState; failed?: undefined }
  | { ok: false; tightest: LimitState; failed: FailedLimit };

export type RateLimiter = {
  /**
   * Consumes one request from every check at once. All pass: `ok`. Any fails: refused, and the
   * checks that passed are refunded, so a refused request counts against no other limit (a flood
   * at one blocked recipient cannot eat the tenant's daily cap). The failed check reported is the
   * one that frees up last. A refund that does not reach the store is dropped: it only over-counts.
   */
  check(checks: LimitCheck[]): Promise<LimitsResult>;
  /** Gives back one request to each check (that check() consumed). Best effort: it only over-counts when it fails. */
  refund(checks: LimitCheck[]): Promise<void>;
  /** Each check's state without consuming anything. */
  peek(checks: LimitCheck[]): Promise<LimitState[]>;
  /** Forgets everything counted for one identifier under one policy (all window sizes). */
  reset(policy: PolicyName, id: string): Promise<void>;
  /** A plain value in the store (see LimiterStore.get), with the same deadline as the limits. */
  readValue(key: string): Promise<string | null>;
  writeValue(key: string, value: string, ttlSeconds?: number): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

const DEFAULT_KEY_PREFIX = "otpilot:rl";
export const DEFAULT_TIMEOUT_MS = 1_500;

/**
 * Rate limiting with @upstash/ratelimit's fixed-window algorithm on any LimiterStore. Fixed window
 * because its reset time is exact: Retry-After tells the truth (the sliding window's reported reset
 * can pass while the request would still be refused). Every call to the store has a deadline and
 * fails closed with RateLimitStoreUnavailableError; ratelimit's own timeout, which lets requests
 * through when the store is slow, is off.
 */
export function createRateLimiter(options: {
  store: LimiterStore;
  keyPrefix?: string;
  timeoutMs?: number;
}): RateLimiter {
  const { store } = options;
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  // One Ratelimit per policy and (limit, window): a request's checks reuse them instead of building
  // a client per check. Apps' overrides make the set open-ended, so it is emptied when it grows large.
  const limiters = new Map<string, Ratelimit>();
  const MAX_LIMITERS = 1_000;

  function limiterFor(check: Pick<LimitCheck, "policy" | "override">): Ratelimit {
    const policy = POLICIES[check.policy];
    const { limit, windowSeconds } = check.override ?? policy;
    const cacheKey = `${check.policy} ${limit} ${windowSeconds}`;
    let limiter = limiters.get(cacheKey);
    if (!limiter) {
      if (limiters.size >= MAX_LIMITERS) limiters.clear();
      limiter = newLimiter(policy.prefix, limit, windowSeconds, check.policy);
      limiters.set(cacheKey, limiter);
    }
    return limiter;
  }

  function newLimiter(prefix: string, limit: number, windowSeconds: number, name: PolicyName): Ratelimit {
    if (
      !Number.isSafeInteger(limit) ||
      limit < 1 ||
      !Number.isSafeInteger(windowSeconds) ||
      windowSeconds < 1
    ) {
      throw new RangeError(`rate limit ${name}: limit and windowSeconds must be positive integers`);
    }
    return new Ratelimit({
      redis: store as unknown as Redis,
      limiter: Ratelimit.fixedWindow(limit, `${windowSeconds} s`),
      prefix: `${keyPrefix}:${prefix}`,
      timeout: 0,
      ephemeralCache: false,
      analytics: false,
      enableTelemetry: false,
    });
  }

  function withDeadline<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new RateLimitStoreUnavailableError(`the rate-limit store did not answer within ${timeoutMs} ms`),
          ),
        timeoutMs,
      );
      timer.unref?.();
      work()
        .then(resolve, (error: unknown) =>
          reject(
            error instanceof RateLimitStoreUnavailableError
              ? error
              : new RateLimitStoreUnavailableError(
                  `the rate-limit store failed: ${error instanceof Error ? error.message : String(error)}`,
                  {
                    cause: error,
                  },
                ),
          ),
        )
        .finally(() => clearTimeout(timer));
    });
  }

  /** One request given back to each check; best effort (a lost refund only over-counts). */
  async function refund(checks: LimitCheck[]): Promise<void> {
    await withDeadline(() => Promise.all(checks.map((check) => limiterFor(check).limit(check.id, { rate: -1 })))).catch(() => {});
  }

  return {
    refund,

    async check(checks) {
      if (checks.length === 0) throw new RangeError("checkLimits needs at least one check");
      const limiters = checks.map(limiterFor);
      const responses = await withDeadline(() =>
        Promise.all(checks.map((check, i) => limiters[i]!.limit(check.id))),
      );
      const states = responses.map((response, i) => toState(checks[i]!.policy, response));
      const failed = states.filter((_, i) => !responses[i]!.success);
      if (failed.length === 0) return { ok: true, tightest: tightestOf(states) };

      await refund(checks.filter((_, i) => responses[i]!.success));
      const last = failed.reduce((a, b) => (b.reset > a.reset ? b : a));
      return { ok: false, tightest: last, failed: { ...last, retryAfterSeconds: secondsUntil(last.reset) } };
    },

    async peek(checks) {
      const limiters = checks.map(limiterFor);
      const remaining = await withDeadline(() =>
        Promise.all(checks.map((check, i) => limiters[i]!.getRemaining(check.id))),
      );
      return remaining.map((r, i) => toState(checks[i]!.policy, r));
    },

    async reset(policy, id) {
      const limiter = limiterFor({ policy });
      await withDeadline(() => limiter.resetUsedTokens(id));
    },

    readValue: (key) => withDeadline(() => store.get(key)),
    writeValue: (key, value, ttlSeconds) => withDeadline(() => store.set(key, value, ttlSeconds)),
    ping: () => withDeadline(() => store.ping()),
    close: () => store.close(),
  };
}

/** Whole seconds until `resetMs`, at least 1: the unit of Retry-After and RateLimit-Reset. */
export function secondsUntil(resetMs: number, now = Date.now()): number {
  return Math.max(1, Math.ceil((resetMs - now) / 1000));
}

function toState(name: PolicyName, r: { limit: number; remaining: number; reset: number }): LimitState {
  return { name, limit: r.limit, remaining: Math.max(0, r.remaining), reset: r.reset };
}

function tightestOf(states: LimitState[]): LimitState {
  return states.reduce((a, b) =>
    b.remaining < a.remaining || (b.remaining === a.remaining && b.reset > a.reset) ? b : a,
  );
}
