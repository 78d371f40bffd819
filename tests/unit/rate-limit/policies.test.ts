import { describe, expect, it } from "vitest";
import {
  appPolicyLimit,
  DEFAULT_RATE_LIMITS,
  effectiveRateLimits,
  limitIds,
  numberPrefixOf,
  POLICIES,
  POLICY_NAMES,
  rateLimitIds,
  tenantPolicyLimit,
} from "@/lib/rate-limit/policies";

describe("rate-limit identifiers", () => {
  it("takes the number prefix as the E.164 number without its last 4 digits", () => {
    expect(numberPrefixOf("+5511999888777")).toBe("+551199988");
    expect(numberPrefixOf("+14155550123")).toBe("+1415555");
    expect(numberPrefixOf("+4930123456")).toBe("+493012");
  });

  it("scopes per-app identifiers by app and keeps tenant and key identifiers global", () => {
    expect(limitIds.recipient("app_a", "+14155550123")).toBe("app_a:+14155550123");
    expect(limitIds.numberPrefix("app_a", "+14155550123")).toBe("app_a:+1415555");
    expect(limitIds.widgetIp("app_a", "2001:db8::1")).toBe("app_a:2001:db8::1");
    expect(limitIds.tenant("ten_1")).toBe("ten_1");
    expect(limitIds.apiKey("key_1")).toBe("key_1");
    expect(limitIds.recipient("app_a", "+14155550123")).not.toBe(limitIds.recipient("app_b", "+14155550123"));
  });

  it("gives numbers in one range the same prefix identifier and other ranges another", () => {
    const ids = ["+14155550123", "+14155559999", "+14155560000"].map((n) =>
      limitIds.numberPrefix("app_a", n),
    );
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it("builds a send's identifiers, deriving the prefix when not given", () => {
    const input = { tenantId: "ten_1", appId: "app_a", recipient: "+5511999888777" };
    const expected = { recipient: "app_a:+5511999888777", numberPrefix: "app_a:+551199988", tenant: "ten_1" };
    expect(rateLimitIds(input)).toEqual(expected);
    expect(rateLimitIds({ ...input, numberPrefix: "" })).toEqual(expected);
    expect(rateLimitIds({ ...input, numberPrefix: "+551199988" })).toEqual(expected);
  });
});

describe("rate-limit policies", () => {
  it("has the defaults of CONTRACT §5", () => {
    const limits = Object.fromEntries(
      POLICY_NAMES.map((n) => [n, `${POLICIES[n].limit}/${POLICIES[n].windowSeconds}s`]),
    );
    expect(limits).toEqual({
      sendsPerRecipient: "5/600s",
      verifiesPerRecipient: "10/600s",
      requestsPerKey: "100/1s",
      widgetSendsPerIp: "10/600s",
      sendsPerNumberPrefix: "20/3600s",
      sendsPerTenantPerDay: "10000/86400s",
      // not in §5's table: requests without a valid key, per IP, so they too carry RateLimit-* headers
      unauthenticatedPerIp: "1000/60s",
      // nor this: unauthenticated provider callbacks, per IP, before any work
      callbacksPerIp: "3000/60s",
      // console sign-in attempts (CONTRACT §11)
      signInPerIp: "30/900s",
      signInPerEmail: "10/900s",
    });
  });

  it("gives each policy its own key prefix", () => {
    const prefixes = POLICY_NAMES.map((n) => POLICIES[n].prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it("uses the defaults for an app without settings", () => {
    expect(effectiveRateLimits({})).toEqual(DEFAULT_RATE_LIMITS);
    expect(effectiveRateLimits(null)).toEqual(DEFAULT_RATE_LIMITS);
    for (const name of POLICY_NAMES) {
      expect(appPolicyLimit(name, {})).toEqual({
        limit: POLICIES[name].limit,
        windowSeconds: POLICIES[name].windowSeconds,
      });
    }
  });

  it("applies an app's overrides, and ignores fields that do not validate", () => {
    const stored = {
      sendsPerRecipient: 3,
      sendsPerRecipientWindow: 60,
      verifiesPerRecipient: -1,
      widgetSendsPerIp: "many",
    };
    expect(effectiveRateLimits(stored)).toEqual({
      ...DEFAULT_RATE_LIMITS,
      sendsPerRecipient: 3,
      sendsPerRecipientWindow: 60,
    });
    expect(appPolicyLimit("sendsPerRecipient", stored)).toEqual({ limit: 3, windowSeconds: 60 });
    expect(appPolicyLimit("verifiesPerRecipient", stored)).toEqual({ limit: 10, windowSeconds: 600 });
  });

  it("takes the tenant-wide policies from the tenant, not from an app", () => {
    const tenant = { sendsPerDay: 42, requestsPerKeyPerSecond: 7 };
    expect(tenantPolicyLimit("sendsPerTenantPerDay", tenant)).toEqual({ limit: 42, windowSeconds: 86400 });
    expect(tenantPolicyLimit("requestsPerKey", tenant)).toEqual({ limit: 7, windowSeconds: 1 });
    // Old app settings that named them no longer raise (or lower) the tenant's caps.
    const legacy = { requestsPerKeyPerSecond: 5, sendsPerTenantPerDay: 8 };
    expect(appPolicyLimit("sendsPerTenantPerDay", legacy)).toEqual({ limit: 10_000, windowSeconds: 86400 });
    expect(appPolicyLimit("requestsPerKey", legacy)).toEqual({ limit: 100, windowSeconds: 1 });
  });

  it("maps every app setting onto its policy", () => {
    const stored = {
      sendsPerRecipient: 1,
      sendsPerRecipientWindow: 2,
      verifiesPerRecipient: 3,
      verifiesPerRecipientWindow: 4,
      widgetSendsPerIp: 6,
      sendsPerNumberPrefix: 7,
    };
    expect(Object.fromEntries(POLICY_NAMES.map((n) => [n, appPolicyLimit(n, stored)]))).toEqual({
      sendsPerRecipient: { limit: 1, windowSeconds: 2 },
      verifiesPerRecipient: { limit: 3, windowSeconds: 4 },
      // tenant settings (tenantPolicyLimit): the defaults here
      requestsPerKey: { limit: 100, windowSeconds: 1 },
      widgetSendsPerIp: { limit: 6, windowSeconds: 600 },
      sendsPerNumberPrefix: { limit: 7, windowSeconds: 3600 },
      sendsPerTenantPerDay: { limit: 10_000, windowSeconds: 86400 },
      // no app setting: no app is known for a request without a key
      unauthenticatedPerIp: { limit: 1000, windowSeconds: 60 },
      callbacksPerIp: { limit: 3000, windowSeconds: 60 },
      signInPerIp: { limit: 30, windowSeconds: 900 },
      signInPerEmail: { limit: 10, windowSeconds: 900 },
    });
  });
});
