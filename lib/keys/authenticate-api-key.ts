import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import { hashSecret } from "./hash-secret";
import { parseKeyString, type KeyMode } from "./secret-format";
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

/** Authenticates a request to /api/v1/*. Throws 401 `unauthorized` for anything but a valid secret key. */
export async function authenticateApiKey(headers: Headers): Promise<ApiKeyPrincipal> {
  const credential = readCredential(headers);
  if (!credential) {
    throw new ApiError("unauthorized", "Missing API key. Send `Authorization: Bearer otpsk_…` or one of the other documented forms.");
  }
  const parsed = parseKeyString(credential.secret);
  // Publishable keys grant nothing here; a bad checksum is refused without touching the database.
  if (!parsed || parsed.kind !== "secret") throw invalid();

  const prisma = await db();
  const key = await prisma.apiKey.findUnique({
    where: { secretHash: hashSecret(credential.secret) },
    select: { id: true, tenantId: true, mode: true, appIds: true, revokedAt: true, expiresAt: true },
  });
  const now = Date.now();
  if (
    !key ||
    (credential.keyId !== undefined && credential.keyId !== key.id) ||
    (key.revokedAt && key.revokedAt.getTime() <= now) ||
    (key.expiresAt && key.expiresAt.getTime() <= now)
  ) {
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
