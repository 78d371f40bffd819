import type { ApiError } from "@/lib/http/errors";
import { compatJson, secretFromHeader, type CompatStyleSpec } from "../compat-route";

/**
 * `user-auth` (reference 001): the secret key in the `user-jwt-token` header; errors as
 * `{"code","message"}` with the reference's upper-case codes. A refused credential answers the
 * reference's `401 "UN_AUTHORIZED"`; other refusals keep the native status (CONTRACT §3).
 */
const CODE_OF: Partial<Record<ApiError["code"], string>> = {
  unauthorized: "UN_AUTHORIZED",
  invalid_code: "INVALID_OTP",
};

export const userAuthStyle: CompatStyleSpec = {
  style: "user-auth",
  credential: secretFromHeader("user-jwt-token"),
  errorResponse(error) {
    const code = CODE_OF[error.code] ?? error.code.toUpperCase();
    return compatJson(
      {
        code,
        message: error.code === "unauthorized" ? "UN_AUTHORIZED" : error.detail,
        ...("attemptsRemaining" in error.extra ? { attemptsRemaining: error.extra.attemptsRemaining } : {}),
        ...("retryAfter" in error.extra ? { retryAfter: error.extra.retryAfter } : {}),
        ...("errors" in error.extra ? { errors: error.extra.errors } : {}),
      },
      error.status,
    );
  },
};
