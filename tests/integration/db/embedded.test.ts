/**
 * The embedded database's single-opener guard, with real processes: the first opens the PGlite
 * folder, every other one goes through its socket (or gets a clear error), never the folder.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openEmbeddedDatabase } from "@/lib/db/embedded";
import { readMigrations } from "@/lib/db/migrate";

const root = path.resolve(import.meta.dirname, "../../..");
const fixture = path.join(import.meta.dirname, "fixtures/embedded-process.ts");
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "otpilot-embedded-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

type Child = {
  process: ChildProcessWithoutNullStreams;
  next(): Promise<Record<string, unknown>>;
  send(line: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
};

function startProcess(dataDir: string): Child {
  const env: NodeJS.ProcessEnv = { ...process.env, OTPILOT_DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  // node --import tsx rather than the tsx binary, so the pid is the process that holds the database.
  const child = spawn(process.execPath, ["--import", "tsx", fixture], { cwd: root, env });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`process ${child.pid} exited without answering. stderr:\n${stderr}`);
    return JSON.parse(value) as Record<string, unknown>;
  };
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
  });
  return {
    process: child,
    next,
    send: (line) => {
      child.stdin.write(`${line}\n`);
      return next();
    },
    exited,
  };
}

function readLock(dataDir: string): { pid: number; port: number | null; startedAt: string } {
  return JSON.parse(fs.readFileSync(path.join(dataDir, "pglite.lock"), "utf8"));
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Read when needed: other work may add migrations to the checkout while the tests run.
const migrationNames = () => readMigrations().map((m) => m.name);

// Each fresh PGlite folder costs an initdb (3–10 s on a busy machine), several per test.
describe("embedded database", { timeout: 180_000 }, () => {
  it("lets a second process in through the first one's socket, sharing the same data", async () => {
    const dataDir = tempDataDir();
    const owner = startProcess(dataDir);
    expect(await owner.next()).toEqual({ ready: { pid: owner.process.pid, applied: migrationNames() } });
    const lock = readLock(dataDir);
    expect(lock).toMatchObject({ pid: owner.process.pid, port: expect.any(Number) });

    const guest = startProcess(dataDir);
    expect(await guest.next()).toEqual({ ready: { pid: guest.process.pid, applied: [] } });
    // The guest did not take the folder over.
    expect(readLock(dataDir)).toEqual(lock);

    expect(await owner.send("create ten_owner")).toEqual({ created: "ten_owner" });
    expect(await guest.send("create ten_guest")).toEqual({ created: "ten_guest" });
    expect(await owner.send("list")).toEqual({ tenants: ["ten_guest", "ten_owner"] });
    expect(await guest.send("list")).toEqual({ tenants: ["ten_guest", "ten_owner"] });
    expect(await owner.send("role")).toEqual({ role: "guest" });

    // Stopping the guest leaves the owner's lock alone; stopping the owner frees the folder.
    guest.process.stdin.end();
    expect(await guest.exited).toBe(0);
    expect(readLock(dataDir)).toEqual(lock);
    owner.process.stdin.end();
    expect(await owner.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);

    // The data survived, and the next process becomes the owner.
    const next = startProcess(dataDir);
    expect(await next.next()).toEqual({ ready: { pid: next.process.pid, applied: [] } });
    expect(await next.send("list")).toEqual({ tenants: ["ten_guest", "ten_owner"] });
    expect(readLock(dataDir).pid).toBe(next.process.pid);
  });

  it("serves this process as a guest while a child owns the folder, through node-postgres", async () => {
    const dataDir = tempDataDir();
    const owner = startProcess(dataDir);
    await owner.next();

    const embedded = await openEmbeddedDatabase(dataDir);
    cleanups.push(() => embedded.close());
    expect(embedded.role).toBe("guest");
    const client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    cleanups.push(() => client.end());
    await client.query(`INSERT INTO "Tenant" (id, name, "updatedAt") VALUES ('ten_direct', 'direct', now())`);
    expect(await owner.send("list")).toEqual({ tenants: ["ten_direct"] });
  });

  it("releases the folder when the owner gets SIGTERM", async () => {
    const dataDir = tempDataDir();
    const owner = startProcess(dataDir);
    await owner.next();
    await owner.send("create ten_before_term");

    owner.process.kill("SIGTERM");
    await owner.exited;
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);

    const next = startProcess(dataDir);
    await next.next();
    expect(await next.send("list")).toEqual({ tenants: ["ten_before_term"] });
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dataDir = tempDataDir();
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    const deadPid = Number(gone.stdout);
    fs.writeFileSync(
      path.join(dataDir, "pglite.lock"),
      JSON.stringify({ pid: deadPid, port: await closedPort(), startedAt: "2020-01-01T00:00:00.000Z" }),
    );

    const embedded = await openEmbeddedDatabase(dataDir);
    cleanups.push(() => embedded.close());

    expect(embedded.role).toBe("owner");
    expect(embedded.applied).toEqual(migrationNames());
    expect(readLock(dataDir).pid).toBe(process.pid);
    await embedded.close();
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  });

  it("refuses with the holder's pid when the lock is live but its socket does not answer", async () => {
    const dataDir = tempDataDir();
    // A live process (a sleeping child) that holds the lock but serves nothing.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
    cleanups.push(() => void holder.kill("SIGKILL"));
    fs.writeFileSync(
      path.join(dataDir, "pglite.lock"),
      JSON.stringify({ pid: holder.pid, port: await closedPort(), startedAt: new Date().toISOString() }),
    );

    await expect(openEmbeddedDatabase(dataDir)).rejects.toThrow(
      new RegExp(`held by process ${holder.pid} .*does not answer`),
    );
    expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false);
    expect(readLock(dataDir).pid).toBe(holder.pid);
  });
});
