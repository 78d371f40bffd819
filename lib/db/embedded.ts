import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { servePglite, type PgliteSocketServer } from "@/lib/db/pglite-socket-server";
import { pgliteExecutor } from "@/lib/db/sql-executor";

/**
 * The embedded PostgreSQL (PGlite) in `<dataDir>/pglite`.
 *
 * Only one process may open a PGlite folder, and PGlite does not notice a second one (it silently
 * corrupts what the first sees). So the first process takes `<dataDir>/pglite.lock` (O_EXCL), opens the
 * folder, applies the migrations and serves the database on a local socket whose port it writes
 * into the lock. Every other process (the CLI beside `npm run dev`, test workers beside the test
 * server) finds the live lock and connects to that socket instead. The owner's own Prisma client uses
 * the socket too: the socket server keeps each client's transaction to itself, which direct PGlite
 * calls beside it would not.
 */
export type EmbeddedDatabase = {
  /** A postgres:// URL for node-postgres; PGlite serves one query at a time, so use a pool of 1. */
  url: string;
  role: "owner" | "guest";
  /** Migrations this process applied when it opened the folder (always empty for a guest). */
  applied: string[];
  close(): Promise<void>;
};

type LockContent = { pid: number; port: number | null; startedAt: string };

export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

/** How long a guest waits for an owner that is still starting (initdb and migrations take seconds). */
const OWNER_START_TIMEOUT_MS = 60_000;

export async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "pglite.lock");
  const deadline = Date.now() + OWNER_START_TIMEOUT_MS;
  for (;;) {
    if (await takeLock(lockPath)) return openAsOwner(dir, lockPath);
    const lock = readLock(lockPath);
    if (!lock) continue; // released or taken over between our attempt and the read: try again
    if (lock.port !== null) return connectAsGuest(dir, lockPath, lock);
    if (Date.now() > deadline) {
      throw new EmbeddedDatabaseError(
        `The embedded database in ${dir} is held by process ${lock.pid} (since ${lock.startedAt}), which has not ` +
          `opened its socket after ${OWNER_START_TIMEOUT_MS / 1000} s. Stop that process and try again.`,
      );
    }
    await sleep(200);
  }
}

/** True when this process now holds the lock; a lock whose process is gone is taken over. */
async function takeLock(lockPath: string): Promise<boolean> {
  const mine: LockContent = { pid: process.pid, port: null, startedAt: new Date().toISOString() };
  try {
    fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = readLock(lockPath);
    if (!holder || isAlive(holder.pid)) return false;
    // Stale: re-read right before removing, so a lock just taken over by another process survives.
    if (readLock(lockPath)?.startedAt !== holder.startedAt) return false;
    fs.rmSync(lockPath, { force: true });
    return false;
  }
  // Two processes taking over the same stale lock could both believe they won; the file says who did.
  await sleep(50);
  return readLock(lockPath)?.startedAt === mine.startedAt && readLock(lockPath)?.pid === process.pid;
}

function readLock(lockPath: string): LockContent | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockContent;
  } catch {
    return null;
  }
}

function writeLock(lockPath: string, content: LockContent): void {
  // Write then rename, so a reader never sees half a file.
  const temporary = `${lockPath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(content));
  fs.renameSync(temporary, lockPath);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function openAsOwner(dir: string, lockPath: string): Promise<EmbeddedDatabase> {
  const startedAt = readLock(lockPath)!.startedAt;
  const releaseLock = () => {
    if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  };
  let database: PGlite | undefined;
  let server: PgliteSocketServer | undefined;
  try {
    database = await PGlite.create(path.join(dir, "pglite"));
    const { applied } = await applyMigrations(pgliteExecutor(database));
    server = await servePglite(database);
    const port = server.port;
    writeLock(lockPath, { pid: process.pid, port, startedAt });

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        process.off("exit", releaseLock);
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        await server!.close();
        await database!.close();
        releaseLock();
      })());
    const onSignal = (signal: NodeJS.Signals) => {
      // Re-raise the signal only when nobody else (e.g. Next.js) handles it, so the process still stops.
      void close().finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    // `exit` cannot wait for PGlite to close; it at least frees the folder for the next process.
    process.once("exit", releaseLock);
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    return { url: socketUrl(port), role: "owner", applied, close };
  } catch (error) {
    await server?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    releaseLock();
    throw error;
  }
}

async function connectAsGuest(dir: string, lockPath: string, lock: LockContent): Promise<EmbeddedDatabase> {
  const url = socketUrl(lock.port!);
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await probe.connect();
    await probe.query("SELECT 1");
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded database in ${dir} is held by process ${lock.pid} (since ${lock.startedAt}), but its socket ` +
        `${url} does not answer (${(error as Error).message}). Only one process may open the folder: stop process ` +
        `${lock.pid}, or, if it is not an OTPilot process, delete ${lockPath}.`,
      { cause: error },
    );
  } finally {
    await probe.end().catch(() => undefined);
  }
  return { url, role: "guest", applied: [], close: async () => undefined };
}

function socketUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
}
