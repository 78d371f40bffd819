import { rateLimitSettingsSchema, type RateLimitSettings } from "@/lib/apps/settings";

/**
 * Every rate limit OTPilot applies (CONTRACT §5), in one place. Each policy has its own key prefix
 * in the store, a default, and the app setting (`rateLimits.*`) that overrides it — except the
 * tenant-wide ones (requestsPerKey, sendsPerTenantPerDay), whose values are the tenant's settings
 * (`tenantPolicyLimit`): an app setting cannot raise a cap meant for all of a tenant's apps.
 */
export type PolicyLimit = { limit: number; windowSeconds: number };

type Policy = PolicyLimit & {
  /** Key prefix in the store; never change one in place, or live counters are forgotten. */
  prefix: string;
  /** Reads this policy's limit from an app's complete rate-limit settings. */
  fromSettings: (settings: Required<RateLimitSettings>) => PolicyLimit;
};

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const POLICIES = {
  /** Sends (resends count) per recipient per app. */
  sendsPerRecipient: {
    prefix: "send:recipient",
    limit: 5,
    windowSeconds: 10 * MINUTE,
    fromSettings: (s) => ({ limit: s.sendsPerRecipient, windowSeconds: s.sendsPerRecipientWindow }),
  },
  /** Verify attempts per recipient per app, across verifications. */
  verifiesPerRecipient: {
    prefix: "verify:recipient",
    limit: 10,
    windowSeconds: 10 * MINUTE,
    fromSettings: (s) => ({ limit: s.verifiesPerRecipient, windowSeconds: s.verifiesPerRecipientWindow }),
  },
  /** Requests per secret API key. */
  requestsPerKey: {
    prefix: "key",
    limit: 100,
    windowSeconds: 1,
    fromSettings: () => ({ limit: 100, windowSeconds: 1 }),
  },
  /** Widget sends per client IP per app. */
  widgetSendsPerIp: {
    prefix: "widget:ip",
    limit: 10,
    windowSeconds: 10 * MINUTE,
    fromSettings: (s) => ({ limit: s.widgetSendsPerIp, windowSeconds: 10 * MINUTE }),
  },
  /** Sends per number prefix (the E.164 number without its last 4 digits) per app: SMS pumping walks number ranges. */
  sendsPerNumberPrefix: {
    prefix: "send:prefix",
    limit: 20,
    windowSeconds: HOUR,
    fromSettings: (s) => ({ limit: s.sendsPerNumberPrefix, windowSeconds: HOUR }),
  },
  /**
   * API requests that carry no valid key, per client IP: they have no key to count against, and
   * every /api/v1 response carries RateLimit-* headers. Not an app setting (no app is known yet).
   */
  unauthenticatedPerIp: {
    prefix: "anon:ip",
    limit: 1000,
    windowSeconds: MINUTE,
    fromSettings: () => ({ limit: 1000, windowSeconds: MINUTE }),
  },
  /**
   * Provider status callbacks per client IP: they are unauthenticated until their signature is
   * checked, so each address gets a budget before any database work. Generous — Twilio and Meta
   * send from pools of addresses — but bounded. Not an app setting (no app is known yet).
   */
  callbacksPerIp: {
    prefix: "callback:ip",
    limit: 3000,
    windowSeconds: MINUTE,
    fromSettings: () => ({ limit: 3000, windowSeconds: MINUTE }),
  },
  /** Console sign-in attempts per client IP: password guessing from one place. Not an app setting. */
  signInPerIp: {
    prefix: "signin:ip",
    limit: 30,
    windowSeconds: 15 * MINUTE,
    fromSettings: () => ({ limit: 30, windowSeconds: 15 * MINUTE }),
  },
  /** Console sign-in attempts per email: guessing one person's password from many places. */
  signInPerEmail: {
    prefix: "signin:email",
    limit: 10,
    windowSeconds: 15 * MINUTE,
    fromSettings: () => ({ limit: 10, windowSeconds: 15 * MINUTE }),
  },
  /** Sends per tenant per day: a spend cap against SMS pumping. */
  sendsPerTenantPerDay: {
    prefix: "send:tenant",
    limit: 10_000,
    windowSeconds: DAY,
    fromSettings: () => ({ limit: 10_000, windowSeconds: DAY }),
  },
} as const satisfies Record<string, Policy>;

export type PolicyName = keyof typeof POLICIES;

export const POLICY_NAMES = Object.keys(POLICIES) as PolicyName[];

/** The defaults of CONTRACT §5, in the shape of the app setting `rateLimits`. */
export const DEFAULT_RATE_LIMITS: Required<RateLimitSettings> = {
  sendsPerRecipient: POLICIES.sendsPerRecipient.limit,
  sendsPerRecipientWindow: POLICIES.sendsPerRecipient.windowSeconds,
  verifiesPerRecipient: POLICIES.verifiesPerRecipient.limit,
  verifiesPerRecipientWindow: POLICIES.verifiesPerRecipient.windowSeconds,
  widgetSendsPerIp: POLICIES.widgetSendsPerIp.limit,
  sendsPerNumberPrefix: POLICIES.sendsPerNumberPrefix.limit,
};

type TenantWidePolicy = "requestsPerKey" | "sendsPerTenantPerDay";

/** Whether a policy's value is the tenant's setting rather than the app's. */
export function isTenantWide(policy: PolicyName): policy is TenantWidePolicy {
  return policy === "requestsPerKey" || policy === "sendsPerTenantPerDay";
}

/** The tenant's limits (Tenant.sendsPerDay, Tenant.requestsPerKeyPerSecond) as policy limits. */
export function tenantPolicyLimit(
  policy: TenantWidePolicy,
  tenant: { sendsPerDay: number; requestsPerKeyPerSecond: number },
): PolicyLimit {
  return policy === "requestsPerKey"
    ? { limit: tenant.requestsPerKeyPerSecond, windowSeconds: 1 }
    : { limit: tenant.sendsPerDay, windowSeconds: DAY };
}

/**
 * An app's rate limits with the defaults filled in. `stored` is the app's `rateLimits` column as
 * read from the database; a field that does not validate (e.g. written by an older version) falls
 * back to its default instead of failing the request.
 */
export function effectiveRateLimits(stored: unknown): Required<RateLimitSettings> {
  const effective = { ...DEFAULT_RATE_LIMITS };
  if (typeof stored !== "object" || stored === null) return effective;
  const fields = rateLimitSettingsSchema.shape;
  for (const name of Object.keys(fields) as (keyof RateLimitSettings)[]) {
    const parsed = fields[name].safeParse((stored as Record<string, unknown>)[name]);
    if (parsed.success && parsed.data !== undefined) effective[name] = parsed.data;
  }
  return effective;
}

/** The limit of one policy for an app (`appRateLimits` as stored), for `checkLimits`' `override`. */
export function appPolicyLimit(policy: PolicyName, appRateLimits: unknown): PolicyLimit {
  return POLICIES[policy].fromSettings(effectiveRateLimits(appRateLimits));
}

/** The E.164 number without its last 4 digits: the range a pumping attack walks through. */
export function numberPrefixOf(e164: string): string {
  return e164.slice(0, -4);
}

/**
 * Identifiers for the policies. Phone numbers must already be normalised to E.164 by the caller,
 * so format variants of one number share its limits. Per-app policies start with the app id.
 */
export const limitIds = {
  recipient: (appId: string, e164: string) => `${appId}:${e164}`,
  numberPrefix: (appId: string, e164: string) => `${appId}:${numberPrefixOf(e164)}`,
  tenant: (tenantId: string) => tenantId,
  apiKey: (keyId: string) => keyId,
  widgetIp: (appId: string, ip: string) => `${appId}:${ip}`,
  /** requests whose IP cannot be known share one bucket: refusing them all is the safe side */
  clientIp: (ip: string | null) => ip ?? "unknown",
};

/**
 * The identifiers a send or verify needs. `numberPrefix` may be given when the phone module already
 * computed it; otherwise it is derived from `recipient`.
 */
export function rateLimitIds(input: {
  tenantId: string;
  appId: string;
  recipient: string;
  numberPrefix?: string;
}) {
  return {
    recipient: limitIds.recipient(input.appId, input.recipient),
    numberPrefix: input.numberPrefix
      ? `${input.appId}:${input.numberPrefix}`
      : limitIds.numberPrefix(input.appId, input.recipient),
    tenant: limitIds.tenant(input.tenantId),
  };
}
