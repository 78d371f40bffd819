/**
 * The one error type of the API. Anything thrown inside a handler that is not an ApiError becomes a
 * generic 500 without internals (lib/http/problem.ts); everything a caller can cause is an ApiError.
 */
export const errorStatus = {
  invalid_request: 400,
  invalid_phone_number: 400,
  unauthorized: 401,
  forbidden: 403,
  country_blocked: 403,
  not_found: 404,
  method_not_allowed: 405,
  already_verified: 409,
  conflict: 409,
  idempotency_conflict: 409,
  token_used: 409,
  expired: 410,
  canceled: 410,
  failed: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_code: 422,
  channel_unavailable: 422,
  unsupported_number: 422,
  invalid_token: 422,
  rate_limited: 429,
  too_many_attempts: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const titles: Record<ErrorCode, string> = {
  invalid_request: "Invalid request",
  invalid_phone_number: "Invalid phone number",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  country_blocked: "Country not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  already_verified: "Already verified",
  conflict: "Conflict",
  idempotency_conflict: "Idempotency key reused",
  token_used: "Token already used",
  expired: "Verification expired",
  canceled: "Verification canceled",
  failed: "Verification failed",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  invalid_code: "Invalid code",
  channel_unavailable: "Channel unavailable",
  unsupported_number: "Unsupported number",
  invalid_token: "Invalid token",
  rate_limited: "Rate limited",
  too_many_attempts: "Too many attempts",
  internal_error: "Internal error",
  unavailable: "Service unavailable",
};

export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** extra members of the problem document, e.g. `attemptsRemaining` or `errors` */
    readonly extra: Record<string, unknown> = {},
    /** extra response headers, e.g. `Retry-After` */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = errorStatus[code];
  }

  get title(): string {
    return titles[this.code];
  }
}

export const notFound = (what = "resource") => new ApiError("not_found", `No such ${what}.`);
