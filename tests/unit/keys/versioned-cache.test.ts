import { describe, expect, it } from "vitest";
import { CACHE_TTL_MS, VersionedCache } from "@/lib/keys/versioned-cache";

describe("VersionedCache", () => {
  const t0 = 1_000_000;

  it("serves an entry only under the version it was stored with", () => {
    const cache = new VersionedCache<string>();
    cache.set("k", "value", "v1", t0);
    expect(cache.get("k", "v1", t0 + 1)).toBe("value");
    expect(cache.get("k", "v2", t0 + 1)).toBeUndefined();
  });

  it("never serves when the version is unknown, on either side", () => {
    const cache = new VersionedCache<string>();
    cache.set("stored-unknown", "value", null, t0);
    expect(cache.get("stored-unknown", null, t0)).toBeUndefined();
    cache.set("k", "value", "v1", t0);
    expect(cache.get("k", null, t0)).toBeUndefined();
    expect(cache.get("k", undefined, t0)).toBeUndefined();
    // peek still finds the unconfirmed entry: the caller then checks its version itself.
    expect(cache.peek("stored-unknown", t0)?.version).toBeNull();
  });

  it("forgets an entry once it is CACHE_TTL_MS old, whatever its version", () => {
    const cache = new VersionedCache<string>();
    cache.set("k", "value", "v1", t0);
    expect(cache.get("k", "v1", t0 + CACHE_TTL_MS - 1)).toBe("value");
    expect(cache.get("k", "v1", t0 + CACHE_TTL_MS)).toBeUndefined();
    expect(cache.peek("k", t0)).toBeUndefined();
  });

  it("stays within its size: expired entries go first, then everything", () => {
    const cache = new VersionedCache<number>(2);
    cache.set("old", 1, "v", t0);
    cache.set("live", 2, "v", t0 + CACHE_TTL_MS);
    cache.set("new", 3, "v", t0 + CACHE_TTL_MS + 1);
    expect(cache.peek("live", t0 + CACHE_TTL_MS + 1)?.value).toBe(2);
    expect(cache.peek("new", t0 + CACHE_TTL_MS + 1)?.value).toBe(3);
    cache.set("newest", 4, "v", t0 + CACHE_TTL_MS + 2);
    expect(cache.peek("live", t0 + CACHE_TTL_MS + 2)).toBeUndefined();
    expect(cache.peek("newest", t0 + CACHE_TTL_MS + 2)?.value).toBe(4);
  });

  it("deletes", () => {
    const cache = new VersionedCache<string>();
    cache.set("k", "value", "v1", t0);
    cache.delete("k");
    expect(cache.peek("k", t0)).toBeUndefined();
  });
});
