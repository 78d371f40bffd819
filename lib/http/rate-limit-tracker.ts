import { db } from "@/lib/db/client";
import { isDependencyFailure } from "@/lib/db/dependency-failure";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { logger } from "@/lib/log";
import { recordEvent } from "@/lib/events/record-event";
import type { LimitCheck, LimitGate } from "@/lib/otp/limit-gate";
import { rateLimitHeaders } from "@/lib/rate-limit/headers";
import { checkLimits, peekLimits, refundLimits } from "@/lib/rate-limit/limiter";
import { RateLimitStoreUnavailableError } from "@/lib/rate-limit/errors";
import {
  appPolicyLimit,
  isTenantWide,
  limitIds,
  POLICIES,
  tenantPolicyLimit,
  type PolicyLimit,
} from "@/lib/rate-limit/policies";
import { tenantLimits, type TenantLimits } from "@/lib/tenants/tenant-settings";
import type { LimitState } from "@/lib/rate-limit/rate-limiter";
import { ApiError } from "./errors";

/**
 * The rate limits of one API request. Applies policies (the per-key limit in the wrapper, send and
 * verify limits in the use cases), turns a refusal into 429 `rate_limited` with Retry-After, logs
 * the hit, and remembers the tightest limit that applied for the RateLimit-* headers, which every
 * response carries (CONTRACT §5).
 */
export class RateLimitTracker implements LimitGate {
  private tightest: LimitState | null = null;
  private retryAfterSeconds: number | null = null;
  /** the mode of the key the request came with, for the mode of `rate_limit.hit` events */
  private mode: ApiKeyPrincipal["mode"] | null = null;
  /** the tenant's limits, as the key was read with them (or read once for this request) */
  private tenant: { id: string; limits: TenantLimits } | null = null;
  /** what enforce() consumed, to give back if the request then fails on a dependency */
  private enforced: Array<LimitCheck & { override?: PolicyLimit }> = [];

  /** The per-key request limit: the tenant's `requestsPerKeyPerSecond` (CONTRACT §5). */
  async checkKey(principal: ApiKeyPrincipal): Promise<void> {
    this.mode = principal.mode;
    if (principal.tenantLimits) this.tenant = { id: principal.tenantId, limits: principal.tenantLimits };
    let override: PolicyLimit;
    try {
      override = tenantPolicyLimit("requestsPerKey", await this.tenantLimitsOf(principal.tenantId));
    } catch (error) {
      // The database is down: the key's default limit still applies (and shows in the 503's headers).
      await this.apply([{ policy: "requestsPerKey", id: limitIds.apiKey(principal.keyId) }], null).catch(() => {});
      throw error;
    }
    await this.apply([{ policy: "requestsPerKey", id: limitIds.apiKey(principal.keyId), override }], null);
  }

  /** For requests without a valid key: a limit per client IP, so they too carry RateLimit-* headers. */
  async checkAnonymous(ip: string | null): Promise<void> {
    await this.apply([{ policy: "unauthenticatedPerIp", id: limitIds.clientIp(ip) }], null);
  }

  /**
   * For a request whose key could not be checked because a dependency is down: shows the per-IP
   * limit in the headers without counting the request against it (the caller did nothing wrong).
   */
  async peekAnonymous(ip: string | null): Promise<void> {
    try {
      const [state] = await peekLimits([{ policy: "unauthenticatedPerIp", id: limitIds.clientIp(ip) }]);
      if (state) this.remember(state);
    } catch {
      // The limit store is down too: no headers to give.
    }
  }

  /**
   * Applies the checks together (one round trip to the store). Tenant-wide policies take the
   * tenant's values: those the key was read with, else read once for this request (widget).
   */
  async enforce(checks: LimitCheck[], appRateLimits: unknown, context: { tenantId: string; appId: string }): Promise<void> {
    const overrides = await Promise.all(
      checks.map(async ({ policy, limit }) =>
        limit ??
        (isTenantWide(policy)
          ? tenantPolicyLimit(policy, await this.tenantLimitsOf(context.tenantId))
          : appPolicyLimit(policy, appRateLimits)),
      ),
    );
    const applied = checks.map(({ policy, id }, i) => ({ policy, id, override: overrides[i] }));
    await this.apply(applied, context);
    this.enforced.push(...applied);
  }

  /**
   * For the route wrappers, when a request failed: if the cause was a dependency (the database
   * went away between the limits and the write), the sends and verifies it was charged never
   * happened, so they are given back — an outage must not use up a recipient's or tenant's quota.
   * The per-key request limit stays spent: the request was made.
   */
  async refundIfUnavailable(thrown: unknown): Promise<void> {
    if (this.enforced.length === 0 || !isDependencyFailure(thrown)) return;
    const spent = this.enforced;
    this.enforced = [];
    await refundLimits(spent);
  }

  private async tenantLimitsOf(tenantId: string): Promise<TenantLimits> {
    if (this.tenant?.id !== tenantId) this.tenant = { id: tenantId, limits: await tenantLimits(tenantId) };
    return this.tenant.limits;
  }

  private async apply(
    checks: Array<LimitCheck & { override?: { limit: number; windowSeconds: number } }>,
    context: { tenantId: string; appId: string } | null,
  ): Promise<void> {
    let result: Awaited<ReturnType<typeof checkLimits>>;
    try {
      result = await checkLimits(checks);
    } catch (error) {
      // The store is down and the call fails closed (503): no quota can be granted until it is back,
      // which is what the headers say (remaining 0, reset with the 503's Retry-After).
      if (error instanceof RateLimitStoreUnavailableError) {
        const first = checks[0]!;
        const limit = first.override?.limit ?? POLICIES[first.policy].limit;
        this.remember({ name: first.policy, limit, remaining: 0, reset: Date.now() + 1000 });
      }
      throw error;
    }
    this.remember(result.tightest);
    if (result.ok) return;
    this.retryAfterSeconds = result.failed.retryAfterSeconds;
    // The headers describe the limit that refused, not a looser one that passed.
    this.tightest = { ...result.failed, remaining: 0 };
    if (context) await this.logHit(context, result.failed.name, result.failed.limit);
    throw new ApiError(
      "rate_limited",
      `Too many requests (${describe(result.failed.name)}). Retry in ${result.failed.retryAfterSeconds} s.`,
      { retryAfter: result.failed.retryAfterSeconds, limit: result.failed.name },
      { "Retry-After": String(result.failed.retryAfterSeconds) },
    );
  }

  private remember(state: LimitState): void {
    const current = this.tightest;
    if (!current || state.remaining < current.remaining || (state.remaining === current.remaining && state.reset > current.reset)) {
      this.tightest = state;
    }
  }

  private async logHit(context: { tenantId: string; appId: string }, policy: string, limit: number): Promise<void> {
    try {
      const prisma = await db();
      await prisma.$transaction((tx) =>
        recordEvent(tx, { tenantId: context.tenantId, appId: context.appId, mode: this.mode, type: "rate_limit.hit", data: { limit: policy, max: limit } }),
      );
    } catch (error) {
      logger.warn({ err: error }, "could not log a rate-limit hit");
    }
  }

  /**
   * RateLimit-* (draft-ietf-httpapi-ratelimit-headers-06) of the tightest limit that applied. A
   * response that already says which limit refused it (e.g. the resend cooldown) keeps its own; and
   * RateLimit-Reset is never earlier than a Retry-After the response carries.
   */
  writeHeaders(headers: Headers): void {
    if (this.retryAfterSeconds !== null) headers.set("Retry-After", String(this.retryAfterSeconds));
    if (this.tightest && !headers.has("RateLimit-Limit")) {
      const values = rateLimitHeaders({ tightest: this.tightest, failed: undefined });
      for (const [name, value] of Object.entries(values)) headers.set(name, value);
    }
    const retryAfter = Number(headers.get("Retry-After"));
    const reset = Number(headers.get("RateLimit-Reset"));
    if (headers.has("RateLimit-Reset") && Number.isFinite(retryAfter) && retryAfter > reset) {
      headers.set("RateLimit-Reset", String(retryAfter));
    }
  }
}

function describe(policy: string): string {
  const descriptions: Record<string, string> = {
    sendsPerRecipient: "sends to this recipient",
    verifiesPerRecipient: "verify attempts for this recipient",
    requestsPerKey: "requests with this API key",
    widgetSendsPerIp: "widget sends from this address",
    sendsPerNumberPrefix: "sends to this number range",
    sendsPerTenantPerDay: "sends by this account today",
    unauthenticatedPerIp: "requests without a valid API key from this address",
  };
  return descriptions[policy] ?? policy;
}

