import { ApiError, errorStatus } from "./errors";
import { logger } from "@/lib/log";

const PROBLEM_BASE = "https://otpilot.dev/errors/";

/** An RFC 9457 problem+json response for an ApiError. */
export function problemResponse(error: ApiError, headers: HeadersInit = {}): Response {
  // The RFC 9457 members come last so an extra member of the same name cannot replace them.
  const body = {
    ...error.extra,
    type: PROBLEM_BASE + error.code,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
  };
  const responseHeaders = new Headers(headers);
  responseHeaders.set("Content-Type", "application/problem+json");
  responseHeaders.set("Cache-Control", "no-store");
  for (const [name, value] of Object.entries(error.headers)) responseHeaders.set(name, value);
  return new Response(JSON.stringify(body), { status: error.status, headers: responseHeaders });
}

/** Turns anything thrown into a problem response; unknown errors are logged and answered as a bare 500. */
export function toProblem(thrown: unknown, requestId?: string): ApiError {
  if (thrown instanceof ApiError) return thrown;
  if (isStoreUnavailable(thrown)) {
    return new ApiError("unavailable", "A dependency did not answer; nothing was done. Retry shortly.", {}, {
      "Retry-After": "1",
    });
  }
  logger.error({ err: thrown, requestId }, "unhandled error");
  return new ApiError("internal_error", "Something went wrong on our side. The request id identifies it in our logs.");
}

// Database errors that mean "not now" rather than "wrong": unreachable (P1001), pool or transaction
// start timed out under load (P2024, P2028), and the socket-level refusals and timeouts.
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ETIMEDOUT", "ECONNRESET", "P1001", "P2024", "P2028"]);

/**
 * Errors that mean a backing store did not answer in time (database or rate-limit store): 503,
 * nothing was committed, safe to retry. Overload must never look like a bug (500).
 */
function isStoreUnavailable(thrown: unknown): boolean {
  if (!(thrown instanceof Error)) return false;
  if (thrown.name === "RateLimitStoreUnavailableError") return true;
  const code = (thrown as { code?: unknown }).code;
  return typeof code === "string" && UNAVAILABLE_CODES.has(code);
}

export { errorStatus };
