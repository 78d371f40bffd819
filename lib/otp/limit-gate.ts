import type { PolicyLimit, PolicyName } from "@/lib/rate-limit/policies";

/**
 * One rate-limit policy applied to one identifier. The gate takes the value from the app's settings,
 * or the tenant's for tenant-wide policies; `limit`, when given, replaces it.
 */
export type LimitCheck = { policy: PolicyName; id: string; limit?: PolicyLimit };

/**
 * What use cases need from rate limiting: apply these policies (each with the app's overrides) or
 * throw 429 `rate_limited`; a store that does not answer throws, and the request fails closed.
 * lib/http/rate-limit-tracker.ts implements it and remembers the tightest limit for the headers.
 */
export interface LimitGate {
  enforce(checks: LimitCheck[], appRateLimits: unknown, context: { tenantId: string; appId: string }): Promise<void>;
}
