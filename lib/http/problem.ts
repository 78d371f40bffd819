import { ApiError, errorStatus } from "./errors";
import { isDependencyFailure } from "@/lib/db/dependency-failure";
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
    // Logged without the error's text: a driver's message may hold a host name, never a caller's fault.
    logger.warn({ requestId, code: (thrown as { code?: unknown }).code }, "a dependency did not answer: 503");
    return new ApiError("unavailable", "A dependency did not answer; nothing was done. Retry shortly.", {}, {
      "Retry-After": "1",
    });
  }
  logger.error({ err: thrown, requestId }, "unhandled error");
  return new ApiError("internal_error", "Something went wrong on our side. The request id identifies it in our logs.");
}

/**
 * Errors that mean a backing store did not answer (database or rate-limit store): 503, nothing was
 * committed, safe to retry. A restart or an outage must never look like a bug (500).
 */
export function isStoreUnavailable(thrown: unknown): boolean {
  return isDependencyFailure(thrown);
}

export { errorStatus };
