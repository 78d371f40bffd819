import { z } from "zod";
import type { Verification } from "@/lib/generated/prisma/client";
import { ApiError, notFound } from "@/lib/http/errors";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { resolveRecipient } from "@/lib/otp/resolve-target";
import { listQuerySchema, listVerifications } from "@/lib/reads/list-verifications";
import type { VerificationView } from "@/lib/events/verification-view";

/**
 * Pieces every style's translation shares: values the reference APIs send as strings or numbers,
 * and the two lookups a style needs that the native API spells differently.
 */

/** A value the reference documents show both as a JSON string and as a JSON number (phone numbers, codes). */
export const stringOrNumber = (max: number) =>
  z.union([z.string().trim().min(1).max(max), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]);

/**
 * The code as the user typed it. A code sent as a JSON number has lost its leading zeros
 * (`"otp": 0123` is not even valid JSON; `123` is what arrives), so a number shorter than the
 * verification's code is padded back with zeros: digits-only codes are what a number can carry.
 */
export function submittedCode(value: string | number, verification: Pick<Verification, "codeLength">): string {
  return typeof value === "number" ? String(value).padStart(verification.codeLength, "0") : value;
}

/**
 * When a style names the recipient next to the verification id, it must be that verification's
 * recipient: another number answers the same 404 as an unknown id (nothing to learn from it).
 */
export function assertSameRecipient(
  verification: Pick<Verification, "recipient">,
  fields: { recipient?: string; phoneNumber?: string; countryCode?: string },
): void {
  if (!fields.recipient && !fields.phoneNumber) return;
  if (resolveRecipient(fields).e164 !== verification.recipient) throw notFound("verification");
}

/**
 * The recipient's newest pending verification (in one app, or in any app the key may read), through
 * the native list read: styles that identify a verification by phone number alone use it.
 */
export async function newestPending(
  principal: ApiKeyPrincipal,
  fields: { appId?: string; recipient?: string; phoneNumber?: string; countryCode?: string },
): Promise<VerificationView> {
  const recipient = resolveRecipient(fields).e164;
  const query = listQuerySchema.parse({ appId: fields.appId, recipient, status: "pending", limit: 1 });
  const [newest] = (await listVerifications(principal, query)).data;
  if (!newest) throw notFound("pending verification for this phone number");
  return newest;
}

/** Turns a zod failure of a style's own fields into the native 400 (with its field paths). */
export function invalidField(path: string, message: string): ApiError {
  return new ApiError("invalid_request", `The request is invalid: ${path}: ${message}.`, { errors: [{ path, message }] });
}

/** The status line's reason phrase, for styles whose error bodies repeat it. */
export function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    410: "Gone",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
  };
  return phrases[status] ?? "Error";
}

/** camelCase keys → snake_case, deeply, except inside `metadata` (the tenant's own data, echoed as given). */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
      key === "metadata" ? child : snakeCaseKeys(child),
    ]),
  );
}
