import { readCredential } from "@/lib/keys/authenticate-api-key";
import { compatJson, type CompatStyleSpec } from "../compat-route";
import { snakeCaseKeys } from "../shared";

/**
 * `multi-channel` (reference 002): the four credential forms of CONTRACT §1 (the reference's own
 * three: X-API-Key + X-API-Secret, Basic, Bearer); snake_case fields; every answer has `success`,
 * errors `{"success": false, "error": {"code","message", …}}` with the native status and code.
 */
export const multiChannelStyle: CompatStyleSpec = {
  style: "multi-channel",
  credential: (request) => readCredential(request.headers),
  errorResponse(error) {
    return compatJson(
      {
        success: false,
        ...(error.code === "invalid_code" || error.code === "too_many_attempts" ? { valid: false } : {}),
        error: { code: error.code, message: error.detail, ...(snakeCaseKeys(error.extra) as object) },
      },
      error.status,
    );
  },
};

/** A successful answer: `success: true` and the native result with snake_case keys. */
export function multiChannelOk(body: Record<string, unknown>, status = 200): Response {
  return compatJson({ success: true, ...(snakeCaseKeys(body) as object) }, status);
}
