import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { ApiError } from "@/lib/http/errors";
import { logger } from "@/lib/log";
import { hashSecret } from "./hash-secret";
import { DISPLAY_START_LENGTH, parseKeyString, type KeyMode } from "./secret-format";
import { limiterStoreIsShared } from "@/lib/rate-limit/limiter";
import type { TenantLimits } from "@/lib/tenants/tenant-settings";
import { readConfigVersion } from "./config-version";
import { touchLastUsed } from "./touch-last-used";
import { VersionedCache } from "./versioned-cache";

export type ApiKeyPrincipal = {
  keyId: string;
  tenantId: string;
  mode: KeyMode;
  /** apps this key may act on; empty means all of the tenant's */
  appIds: string[];
  /** the tenant's limits, read with the key (principals built elsewhere — widget, console — lack them) */
  tenantLimits?: TenantLimits;
  /**
   * The tenant's configuration version this request read (lib/keys/config-version.ts): keys and
   * apps cached under it may be served; null or absent means read them from the database.
   */
  configVersion?: string | null;
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

type KeyRow = {
  id: string;
  tenantId: string;
  mode: KeyMode;
  appIds: string[];
  revokedAt: Date | null;
  expiresAt: Date | null;
  sendsPerDay: number;
  requestsPerKeyPerSecond: number;
};

/** A valid key as cached: its principal and what can still end its validity without a change. */
type CachedKey = { principal: ApiKeyPrincipal; revokedAt: number | null; expiresAt: number | null };

// Keys by secret hash, per process, for CACHE_TTL_MS at most and under the tenant's configuration
// version (lib/keys/config-version.ts): a revoked key fails on the next request on every instance.
const keyCache = new VersionedCache<CachedKey>();

function failureOf(key: CachedKey | null, credential: Credential, now: number): FailureReason | null {
  if (!key) return "unknown";
  if (credential.keyId !== undefined && credential.keyId !== key.principal.keyId) return "key_id_mismatch";
  if (key.revokedAt !== null && key.revokedAt <= now) return "revoked";
  if (key.expiresAt !== null && key.expiresAt <= now) return "expired";
  return null;
}

/**
 * Reads the key with its tenant's limits in one statement, and caches it when valid, under
 * `versionBeforeRead`: the tenant's version as read before this read (null when unknown).
 */
async function lookUpKey(
  headers: Headers,
  credential: Credential,
  secretHash: string,
  versionBeforeRead: string | null,
): Promise<ApiKeyPrincipal> {
  const prisma = await db();
  const [row] = await prisma.$queryRaw<KeyRow[]>`
    SELECT k."id", k."tenantId", k."mode"::text AS "mode", k."appIds", k."revokedAt", k."expiresAt",
           t."sendsPerDay", t."requestsPerKeyPerSecond"
      FROM "ApiKey" k JOIN "Tenant" t ON t."id" = k."tenantId"
     WHERE k."secretHash" = ${secretHash}`;
  const key: CachedKey | null = row
    ? {
        principal: {
          keyId: row.id,
          tenantId: row.tenantId,
          mode: row.mode,
          appIds: row.appIds,
          tenantLimits: { sendsPerDay: row.sendsPerDay, requestsPerKeyPerSecond: row.requestsPerKeyPerSecond },
        },
        revokedAt: row.revokedAt?.getTime() ?? null,
        expiresAt: row.expiresAt?.getTime() ?? null,
      }
    : null;
  const failure = failureOf(key, credential, Date.now());
  if (failure || !key) {
    keyCache.delete(secretHash);
    logFailure(headers, failure ?? "unknown", credential, row?.id);
    throw invalid();
  }
  if (limiterStoreIsShared()) keyCache.set(secretHash, key, versionBeforeRead);
  return key.principal;
}

/**
 * Authenticates a request to /api/v1/*. Throws 401 `unauthorized` for anything but a valid secret
 * key. `chargeKey` (the per-key request limit) runs in the same round trip to the limiter's store
 * as the read of the tenant's configuration version; its errors are thrown as they are, once the
 * key is known to be valid. A request with a key cached under the current version costs no
 * database statement; otherwise one (the key joined with its tenant's limits). `alongside`, when
 * given, is started in that same tick, so the reads it makes of the limiter's store share the round
 * trip (it runs once the key is known to exist, whether or not it turns out valid).
 */
export async function authenticateApiKey(
  headers: Headers,
  chargeKey: (principal: ApiKeyPrincipal) => Promise<void> = async () => {},
  alongside?: () => Promise<unknown>,
): Promise<ApiKeyPrincipal> {
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
  const secretHash = hashSecret(credential.secret);

  const cached = keyCache.peek(secretHash);
  if (cached && !failureOf(cached.value, credential, Date.now())) {
    const principal = cached.value.principal;
    const [version, charged] = await Promise.allSettled([readConfigVersion(principal.tenantId), chargeKey(principal), alongside?.()]);
    const current = version.status === "fulfilled" ? version.value : null;
    if (current !== null && current === cached.version) return accepted(principal, current, charged);
    // Something of the tenant changed since (or the version is unknown): the key may be revoked.
    return accepted(await lookUpKey(headers, credential, secretHash, current), current, charged);
  }
  const principal = await lookUpKey(headers, credential, secretHash, null);
  const [version, charged] = await Promise.allSettled([readConfigVersion(principal.tenantId), chargeKey(principal), alongside?.()]);
  return accepted(principal, version.status === "fulfilled" ? version.value : null, charged);
}

function accepted(principal: ApiKeyPrincipal, configVersion: string | null, charged: PromiseSettledResult<void>): ApiKeyPrincipal {
  touchLastUsed(principal.keyId);
  if (charged.status === "rejected") throw charged.reason;
  return { ...principal, configVersion };
}

/** Throws 403 when the key is restricted to other apps. */
export function assertKeyAllowsApp(principal: ApiKeyPrincipal, appId: string): void {
  if (principal.appIds.length > 0 && !principal.appIds.includes(appId)) {
    throw new ApiError("forbidden", "This API key is not allowed to act on that app.");
  }
}
