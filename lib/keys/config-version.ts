import { randomUUID } from "node:crypto";
import { logger } from "@/lib/log";
import { limiterStoreIsShared, readStoreValue, writeStoreValue } from "@/lib/rate-limit/limiter";

/**
 * A tenant's configuration version: a random value in the rate limiter's store, replaced whenever
 * the tenant's keys, apps or tenant-wide limits change. It is what lets every instance cache keys
 * and apps (lib/keys/versioned-cache.ts) and still see a revocation or a setting change on the
 * very next request: each request reads the version in the same round trip as its per-key limit,
 * and anything cached under another version is read again from the database.
 *
 * Only a store shared by all instances and processes (Redis, Upstash) can carry that signal. With
 * the in-process store (the embedded default) there is none — the CLI is another process — so
 * `readConfigVersion` answers null and nothing is served from a cache.
 */
function configVersionKey(tenantId: string): string {
  return `otpilot:cfg:${tenantId}`;
}

/** The tenant's current version; null when no shared store exists. Throws when the store does not answer. */
export async function readConfigVersion(tenantId: string): Promise<string | null> {
  if (!limiterStoreIsShared()) return null;
  // Never written (or lost with the store): a version of its own, so entries read under it stay
  // valid until the first change.
  return (await readStoreValue(configVersionKey(tenantId))) ?? "initial";
}

/**
 * Announces a change of the tenant's keys, apps or limits to every instance. Call it after the
 * change committed (an instance that reads the new version must find the change in the database)
 * and before answering the caller. A store that does not answer only delays the change on other
 * instances to the caches' lifetime (CACHE_TTL_MS) — and while the store is down, every API
 * request fails closed on its per-key limit anyway.
 */
export async function announceConfigChange(tenantId: string): Promise<void> {
  if (!limiterStoreIsShared()) return;
  try {
    await writeStoreValue(configVersionKey(tenantId), randomUUID());
  } catch (error) {
    logger.error(
      { err: error, tenantId },
      "could not announce a configuration change; other instances see it within seconds",
    );
  }
}
