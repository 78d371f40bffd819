/**
 * Whether an error means a dependency (the database, the rate-limit store) did not answer, as
 * opposed to a bug or a refused statement. The API answers those 503 (lib/http/problem.ts); the
 * delivery worker retries its own writes on them (lib/delivery/attempt-delivery.ts).
 */
// Prisma codes for "not now": server unreachable or timed out (P1001, P1002, P1008), connection
// closed (P1017), pool or transaction start timed out (P2024, P2028), too many connections (P2037);
// socket errors; PostgreSQL's connection classes 08 (connection exception) and 57P0x (admin
// shutdown, crash shutdown, cannot connect now — what a restart answers), 53300 (too many connections).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN",
  "P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037",
  "53300", "57P01", "57P02", "57P03",
]);
const UNAVAILABLE_CLASSES = /^08[0-9A-Z]{3}$/;
// The pg driver's own connection failures carry no code, only these messages.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Can't reach database server|the database system is (starting up|shutting down|in recovery)|terminating connection due to administrator command|Client was closed and is not queryable/i;

/**
 * Whether anything in an error's chain (cause, Prisma's driver-adapter error, AggregateError members)
 * is a dependency that did not answer. Prisma wraps PostgreSQL's errors as P2039/P2010 with the
 * original SQLSTATE in `meta.driverAdapterError.cause`, and the pg driver's message-only errors as
 * generic ones, so the whole chain is read.
 */
export function isDependencyFailure(thrown: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [thrown];
  while (queue.length && seen.size < 20) {
    const item = queue.shift();
    if (!item || typeof item !== "object" || seen.has(item)) continue;
    seen.add(item);
    const error = item as {
      name?: unknown; code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown;
      cause?: unknown; meta?: { driverAdapterError?: unknown }; errors?: unknown;
    };
    if (error.name === "RateLimitStoreUnavailableError") return true;
    for (const code of [error.code, error.originalCode]) {
      if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_CLASSES.test(code))) return true;
    }
    if (error.kind === "DatabaseNotReachable" || error.kind === "ConnectionClosed" || error.kind === "SocketTimeout") return true;
    if (typeof error.message === "string" && UNAVAILABLE_MESSAGES.test(error.message)) return true;
    queue.push(error.cause, error.meta?.driverAdapterError);
    if (Array.isArray(error.errors)) queue.push(...error.errors);
  }
  return false;
}
