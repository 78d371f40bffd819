import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";

const INTERVAL_MS = 60_000;

// Per process: when each key's lastUsedAt was last written (or tried). Bounded by the number of
// live keys; entries older than the interval are dropped when the map grows.
const lastWrite = new Map<string, number>();

/**
 * Records that a key was used, at most once a minute per key and per process, without delaying the
 * request: the write is not awaited, and its WHERE skips the row when another instance wrote it
 * within the minute. A failed write is logged and forgotten: it only makes "last used" older.
 */
export function touchLastUsed(keyId: string, now = Date.now()): void {
  const previous = lastWrite.get(keyId);
  if (previous !== undefined && now - previous < INTERVAL_MS) return;
  lastWrite.set(keyId, now);
  if (lastWrite.size > 10_000) {
    for (const [id, at] of lastWrite) if (now - at >= INTERVAL_MS) lastWrite.delete(id);
  }
  const at = new Date(now);
  const before = new Date(now - INTERVAL_MS);
  void db()
    .then((prisma) =>
      prisma.apiKey.updateMany({
        where: { id: keyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: before } }] },
        data: { lastUsedAt: at },
      }),
    )
    .catch((error: unknown) => logger.warn({ err: error, keyId }, "could not record the key's last use"));
}
