import { secondsUntil, type LimitsResult } from "./rate-limiter";

/**
 * The RateLimit-* headers of CONTRACT §5 for a check's result: Reset and Retry-After are whole
 * seconds from now (never a timestamp), at least 1.
 */
export function rateLimitHeaders(
  result: Pick<LimitsResult, "tightest" | "failed">,
  now = Date.now(),
): Record<string, string> {
  const { tightest, failed } = result;
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(tightest.limit),
    "RateLimit-Remaining": String(tightest.remaining),
    "RateLimit-Reset": String(secondsUntil(tightest.reset, now)),
  };
  if (failed) headers["Retry-After"] = String(secondsUntil(failed.reset, now));
  return headers;
}
