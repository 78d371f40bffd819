import { describe, expect, it } from "vitest";
import { rateLimitHeaders } from "@/lib/rate-limit/headers";
import { secondsUntil } from "@/lib/rate-limit/rate-limiter";

describe("rate-limit headers", () => {
  const now = 1_700_000_000_000;

  it("counts whole seconds until the reset, rounding up, at least 1", () => {
    expect(secondsUntil(now + 1, now)).toBe(1);
    expect(secondsUntil(now + 1_000, now)).toBe(1);
    expect(secondsUntil(now + 1_001, now)).toBe(2);
    expect(secondsUntil(now + 599_500, now)).toBe(600);
    expect(secondsUntil(now - 5_000, now)).toBe(1);
  });

  it("describes the tightest limit, and adds Retry-After when refused", () => {
    const tightest = { name: "sendsPerRecipient" as const, limit: 5, remaining: 0, reset: now + 42_300 };
    expect(rateLimitHeaders({ tightest }, now)).toEqual({
      "RateLimit-Limit": "5",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "43",
    });
    expect(rateLimitHeaders({ tightest, failed: { ...tightest, retryAfterSeconds: 43 } }, now)).toMatchObject(
      { "Retry-After": "43" },
    );
  });
});
