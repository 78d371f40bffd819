import type { ApiError } from "@/lib/http/errors";
import { compatJson, secretFromHeader, type CompatStyleSpec } from "../compat-route";
import { reasonPhrase } from "../shared";

/**
 * `config-otp` (reference 000): the secret key in `X-API-KEY`; errors in the reference's
 * `{"timestamp","status","error","path"}` shape (plus `message` and our `code`, which say what to fix).
 * The reference refuses a wrong code with a 403 body: a wrong code answers 403 here too, and a
 * verification that can no longer be verified (expired, failed, canceled, already verified) 410.
 */
const STATUS_OF: Partial<Record<ApiError["code"], number>> = {
  invalid_code: 403,
  too_many_attempts: 403,
  expired: 410,
  failed: 410,
  canceled: 410,
  already_verified: 410,
};

export const configOtpStyle: CompatStyleSpec = {
  style: "config-otp",
  credential: secretFromHeader("x-api-key"),
  errorResponse(error, request) {
    const status = STATUS_OF[error.code] ?? error.status;
    return compatJson(
      {
        timestamp: new Date().toISOString(),
        status,
        error: reasonPhrase(status),
        message: error.detail,
        code: error.code,
        ...("attemptsRemaining" in error.extra ? { attemptsRemaining: error.extra.attemptsRemaining } : {}),
        ...("retryAfter" in error.extra ? { retryAfter: error.extra.retryAfter } : {}),
        path: new URL(request.url).pathname,
      },
      status,
    );
  },
};
