import { compatJson, type CompatStyleSpec } from "../compat-route";
import { campaignParams } from "./params";

/**
 * `campaign` (reference 003): the secret key in the `key` parameter (query string or body — the
 * docs recommend the native API's headers instead, since query strings end up in logs). Answers
 * carry the status as a string in the body, as the reference's do. A refused or not-allowed key
 * answers the reference's own refusal, `400 {"status": "400", "error": "invalid_user_credentials"}`;
 * other errors keep the native status and code: `{"status": "<status>", "error": "<code>", "message"}`.
 */
export const campaignStyle: CompatStyleSpec = {
  style: "campaign",
  async credential(request) {
    const key = (await campaignParams(request)).key;
    return typeof key === "string" && key.trim() ? { secret: key.trim() } : null;
  },
  errorResponse(error) {
    if (error.code === "unauthorized" || error.code === "forbidden") {
      return compatJson({ status: "400", error: "invalid_user_credentials", message: error.detail }, 400);
    }
    return compatJson(
      {
        status: String(error.status),
        error: error.code,
        message: error.detail,
        ...("attemptsRemaining" in error.extra ? { attemptsRemaining: error.extra.attemptsRemaining } : {}),
        ...("retryAfter" in error.extra ? { retryAfter: error.extra.retryAfter } : {}),
        ...("errors" in error.extra ? { errors: error.extra.errors } : {}),
      },
      error.status,
    );
  },
};
