/**
 * The rate-limit store did not answer (down, refused, or slower than the deadline). Send and verify
 * fail closed on it: lib/http/problem.ts turns it into 503 `unavailable`, and nothing is sent.
 */
export class RateLimitStoreUnavailableError extends Error {
  override name = "RateLimitStoreUnavailableError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
