import { describe, expect, it, vi } from "vitest";
import { RateLimitStoreUnavailableError } from "@/lib/rate-limit/errors";

vi.mock("@/lib/db/client", () => ({ db: async () => ({}) }));
vi.mock("@/lib/rate-limit/limiter", () => ({
  checkLimits: async () => {
    throw new RateLimitStoreUnavailableError("the rate-limit store did not answer within 1500 ms");
  },
  peekLimits: async () => [],
}));

const { RateLimitTracker } = await import("@/lib/http/rate-limit-tracker");

describe("RateLimit-* when the limit store is down", () => {
  it("a 503 of a fail-closed limit still says which limit applied: nothing left until the store is back", async () => {
    const tracker = new RateLimitTracker();
    await expect(tracker.checkAnonymous("203.0.113.9")).rejects.toBeInstanceOf(RateLimitStoreUnavailableError);
    const headers = new Headers({ "Retry-After": "1" });
    tracker.writeHeaders(headers);
    expect(headers.get("RateLimit-Limit")).toBe("1000");
    expect(headers.get("RateLimit-Remaining")).toBe("0");
    expect(Number(headers.get("RateLimit-Reset"))).toBeGreaterThanOrEqual(Number(headers.get("Retry-After")));
  });

  it("RateLimit-Reset is never earlier than a Retry-After the answer carries", () => {
    const tracker = new RateLimitTracker();
    // Nothing applied: no RateLimit-* to adjust, and none invented.
    const headers = new Headers({ "Retry-After": "30" });
    tracker.writeHeaders(headers);
    expect(headers.get("RateLimit-Reset")).toBeNull();
    const withOwn = new Headers({ "Retry-After": "30", "RateLimit-Limit": "1", "RateLimit-Remaining": "0", "RateLimit-Reset": "2" });
    tracker.writeHeaders(withOwn);
    expect(withOwn.get("RateLimit-Reset")).toBe("30");
  });
});
