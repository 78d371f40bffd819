/** How long a cached key or app may be served at most, whatever the version says (lib/keys/config-version.ts). */
export const CACHE_TTL_MS = 5_000;

type Entry<T> = { value: T; version: string | null; storedAt: number };

/**
 * A per-process cache whose entries are valid for CACHE_TTL_MS at most, and only under the
 * configuration version they were read under. Store an entry with the version read *before* the
 * database read that produced it (or null when unknown): then an entry is never older than its
 * version, and a change announced after the read makes it stale on the next request.
 */
export class VersionedCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  constructor(private readonly maxEntries = 10_000) {}

  /** The entry if it is younger than the TTL, whatever its version (the caller checks that). */
  peek(key: string, now = Date.now()): Entry<T> | undefined {
    const entry = this.#entries.get(key);
    if (entry && now - entry.storedAt < CACHE_TTL_MS) return entry;
    if (entry) this.#entries.delete(key);
    return undefined;
  }

  /** The value if it is fresh and was read under `version` (never for an unknown version). */
  get(key: string, version: string | null | undefined, now = Date.now()): T | undefined {
    if (version === null || version === undefined) return undefined;
    const entry = this.peek(key, now);
    return entry?.version === version ? entry.value : undefined;
  }

  set(key: string, value: T, version: string | null, now = Date.now()): void {
    if (this.#entries.size >= this.maxEntries) {
      for (const [k, entry] of this.#entries)
        if (now - entry.storedAt >= CACHE_TTL_MS) this.#entries.delete(k);
      // Still full of live entries: start over rather than grow without bound.
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
    }
    this.#entries.set(key, { value, version, storedAt: now });
  }

  /**
   * The value under `version` if cached, else `load()`'s, stored when there is a version and a value
   * (the request read `version` before calling: see the class comment). Nothing is cached without a
   * version (no shared store).
   */
  async readThrough(key: string, version: string | null | undefined, load: () => Promise<T | null>): Promise<T | null> {
    const cached = this.get(key, version);
    if (cached !== undefined) return cached;
    const value = await load();
    if (value !== null && version) this.set(key, value, version);
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}
