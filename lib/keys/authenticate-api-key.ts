import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { ApiError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { hashSecret } from "./hash-secret";
import { DISPLAY_START_LENGTH, parseKeyString, type KeyMode } from "./secret-format";
import { touchLastUsed } from "./touch-last-used";

export type ApiKeyPrincipal = {
  keyId: string;
  tenantId: string;
  mode: KeyMode;
  /** apps this key may act on; empty means all of the tenant's */
  appIds: string[];
};

type Credential = { secret: string; keyId?: string };

/**
 * Reads the credential from any of the four header forms of CONTRACT §1:
 * `Authorization: Bearer <secret>`, `Authorization: Basic base64(keyId:secret)`,
 * `X-API-Key: <keyId>` + `X-API-Secret: <secret>`, and `X-API-Key: <secret>`.
 */
export function readCredential(headers: Headers): Credential | null {
  const authorization = headers.get("authorization")?.trim();
  if (authorization) {
    const [scheme, ...rest] = authorization.split(/\s+/);
    const value = rest.join(" ");
    if (/^bearer$/i.test(scheme ?? "") && value) return { secret: value };
    if (/^basic$/i.test(scheme ?? "") && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) return { keyId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
    }
    return null;
  }
  const apiKey = headers.get("x-api-key")?.trim();
  const apiSecret = headers.get("x-api-secret")?.trim();
  if (apiKey && apiSecret) return { keyId: apiKey, secret: apiSecret };
  if (apiKey) return { secret: apiKey };
  return null;
}

// One message for every failure: which of missing/malformed/unknown/revoked/expired it was is
// written to our logs, never told to the caller.
const invalid = () => new ApiError("unauthorized", "Invalid API key. Send a secret key (otpsk_…) as described in the docs.");

type FailureReason = "missing" | "malformed" | "publishable" | "unknown" | "key_id_mismatch" | "revoked" | "expired";

/**
 * Failed authentications are logged for the operator (brute force, leaked or stale keys): the
 * reason, the client IP and what identifies the key without being secret — the key id the caller
 * named, and the first characters of the secret string (the same `start` the console shows), never
 * the secret itself.
 */
function logFailure(headers: Headers, reason: FailureReason, credential: Credential | null, keyId?: string): void {
  const fields = {
    reason,
    ip: clientIp(headers),
    keyId: keyId ?? credential?.keyId?.slice(0, 40),
    keyPrefix: credential ? credential.secret.slice(0, Math.min(DISPLAY_START_LENGTH, Math.floor(credential.secret.length / 2))) : undefined,
  };
  if (reason === "missing") logger.info(fields, "API request without a credential");
  else logger.warn(fields, "API authentication failed");
}

/** Authenticates a request to /api/v1/*. Throws 401 `unauthorized` for anything but a valid secret key. */
export async function authenticateApiKey(headers: Headers): Promise<ApiKeyPrincipal> {
  const credential = readCredential(headers);
  if (!credential) {
    logFailure(headers, "missing", null);
    throw new ApiError("unauthorized", "Missing API key. Send `Authorization: Bearer otpsk_…` or one of the other documented forms.");
  }
  const parsed = parseKeyString(credential.secret);
  // Publishable keys grant nothing here; a bad checksum is refused without touching the database.
  if (!parsed || parsed.kind !== "secret") {
    logFailure(headers, parsed ? "publishable" : "malformed", credential);
    throw invalid();
  }

  const prisma = await db();
  const key = await prisma.apiKey.findUnique({
    where: { secretHash: hashSecret(credential.secret) },
    select: { id: true, tenantId: true, mode: true, appIds: true, revokedAt: true, expiresAt: true },
  });
  const now = Date.now();
  const failure: FailureReason | null = !key
    ? "unknown"
    : credential.keyId !== undefined && credential.keyId !== key.id
      ? "key_id_mismatch"
      : key.revokedAt && key.revokedAt.getTime() <= now
        ? "revoked"
        : key.expiresAt && key.expiresAt.getTime() <= now
          ? "expired"
          : null;
  if (failure || !key) {
    logFailure(headers, failure ?? "unknown", credential, key?.id);
    throw invalid();
  }
  touchLastUsed(key.id);
  return { keyId: key.id, tenantId: key.tenantId, mode: key.mode, appIds: key.appIds };
}

/** Throws 403 when the key is restricted to other apps. */
export function assertKeyAllowsApp(principal: ApiKeyPrincipal, appId: string): void {
  if (principal.appIds.length > 0 && !principal.appIds.includes(appId)) {
    throw new ApiError("forbidden", "This API key is not allowed to act on that app.");
  }
}
