/**
 * What a benchmark run (scripts/bench) or an integration test run (tests/setup/global.ts) starts and
 * must stop again: a database of its own, free ports, and servers spawned in their own process
 * groups. Every start registers its own stop on a Cleanups list, which the caller runs in reverse
 * order once, whatever happened.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

export class Cleanups {
  private readonly steps: Array<{ name: string; run: () => Promise<void> | void }> = [];
  private ran = false;

  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  /** Runs every step once, newest first; a failing step is reported and the others still run. */
  async runAll(): Promise<void> {
    if (this.ran) return;
    this.ran = true;
    for (const step of this.steps.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup "${step.name}" failed:`, error);
      }
    }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Creates a database named `<prefix>_<time>_<random>` on the server of `adminUrl` and returns its
 * URL; it is dropped (forcibly, whoever is still connected) at cleanup.
 */
export async function createDatabase(adminUrl: string, cleanups: Cleanups, prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new URL(adminUrl);
  admin.pathname = "/postgres";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  cleanups.add(`drop database ${name}`, () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Spawns a long-running child in its own process group (so its own children stop with it), with
 * output to `logFile` (appended to with `append`). With `cleanups`, cleanup sends SIGTERM to the
 * group, then SIGKILL after 10 s.
 */
export function spawnService(
  name: string,
  command: string[],
  options: { env: NodeJS.ProcessEnv; logFile: string; append?: boolean },
  cleanups: Cleanups | null,
): ChildProcess {
  const log = fs.openSync(options.logFile, options.append ? "a" : "w");
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: options.env,
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  cleanups?.add(`stop ${name}`, () => stopGroup(child));
  return child;
}

/** SIGTERM to the child's process group, SIGKILL after 10 s; resolves once it has exited. */
export function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killTimer = setTimeout(() => {
      signalGroup(child.pid!, "SIGKILL");
      resolve();
    }, 10_000);
    child.once("exit", () => {
      clearTimeout(killTimer);
      resolve();
    });
    signalGroup(child.pid!, "SIGTERM");
  });
}

/** Signals the process group led by `pid` (a spawnService child); nothing if it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Polls `url` until it answers 2xx; fails early when the process exits, with the tail of its log. */
export async function waitUntilHealthy(url: string, child: ChildProcess, logFile: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url);
      last = `${response.status} ${await response.text()}`;
      if (response.ok) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-3000) : "";
  throw new Error(`${url} did not become healthy (last answer: ${last}).\nLog tail (${logFile}):\n${tail}`);
}
