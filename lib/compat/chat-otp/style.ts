import type { VerificationView } from "@/lib/events/verification-view";
import { bearerCredential, compatJson, type CompatStyleSpec } from "../compat-route";

/**
 * `chat-otp` (reference 004): the secret key as `Authorization: Bearer`; errors as
 * `{"message", "code", "errors"?}` with the native status (a refused key: `401 {"message": "Unauthenticated."}`).
 */
const REFERENCE_FIELD: Record<string, string> = { codeLength: "length", ttl: "expires", recipient: "chatId" };

export const chatOtpStyle: CompatStyleSpec = {
  style: "chat-otp",
  credential: bearerCredential,
  errorResponse(error) {
    // Field errors under the reference's names (the native schema validated them as codeLength/ttl).
    const errors = (error.extra.errors as Array<{ path: string; message: string }> | undefined)?.map((e) => ({
      ...e,
      path: REFERENCE_FIELD[e.path] ?? e.path,
    }));
    return compatJson(
      {
        message: error.code === "unauthorized" ? "Unauthenticated." : renameFields(error.detail),
        code: error.code,
        ...("attemptsRemaining" in error.extra ? { attempts_remaining: error.extra.attemptsRemaining } : {}),
        ...("retryAfter" in error.extra ? { retry_after: error.extra.retryAfter } : {}),
        // Field errors grouped by field, each a list of messages.
        ...(errors ? { errors: Object.fromEntries(errors.map((e) => [e.path, errors.filter((o) => o.path === e.path).map((o) => o.message)])) } : {}),
      },
      error.status,
    );
  },
};

function renameFields(detail: string): string {
  return detail.replace(/\b(codeLength|ttl):/g, (_, field: string) => `${REFERENCE_FIELD[field]}:`);
}

/**
 * The reference's four statuses from a native verification (the table in /docs/compat):
 * pending and not yet handed to the channel → `pending`; pending and sent or delivered → `sent`;
 * approved → `validated`; expired, canceled or failed (it can no longer be validated) → `expired`.
 */
export const CHAT_OTP_STATUS = {
  approved: "validated",
  expired: "expired",
  canceled: "expired",
  failed: "expired",
} as const;

export type ChatOtpStatus = "pending" | "sent" | "validated" | "expired";

export function chatOtpStatus(view: Pick<VerificationView, "status" | "delivery">): ChatOtpStatus {
  if (view.status === "pending") return view.delivery.status === "sent" || view.delivery.status === "delivered" ? "sent" : "pending";
  return CHAT_OTP_STATUS[view.status as keyof typeof CHAT_OTP_STATUS];
}

/** `<digits>@c.us` ↔ E.164. */
export const chatIdOf = (e164: string) => `${e164.replace(/^\+/, "")}@c.us`;

/** The reference's OTP object; `code` only when the app's `exposeCode` is on. */
export function chatOtpView(view: VerificationView & { code?: string }) {
  return {
    uuid: view.id,
    chat_id: chatIdOf(view.recipient),
    ...(view.code ? { code: view.code } : {}),
    status: chatOtpStatus(view),
    otp_type: "code",
    expires_at: view.expiresAt,
    created_at: view.createdAt,
    validated_at: view.verifiedAt,
    attempts: view.attempts,
    max_attempts: view.maxAttempts,
  };
}
