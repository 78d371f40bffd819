/**
 * What the benchmark starts and must stop again: a fresh PostgreSQL database, the production
 * build of OTPilot under `next start`, and child processes such as the floor server. Every start
 * registers its own stop on a Cleanups list, which the caller runs in reverse order once, whatever
 * happened.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
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

/** Creates a database named for this run on the server of `adminUrl`, dropped (forcibly) at cleanup. */
export async function createDatabase(adminUrl: string, cleanups: Cleanups): Promise<string> {
  const name = `otpilot_bench_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
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

/** `next build` into `distDir` unless a build is already there. */
export function ensureProductionBuild(distDir: string): void {
  if (fs.existsSync(path.join(repoRoot, distDir, "BUILD_ID"))) return;
  console.log(`No production build in ${distDir}: running next build (a few minutes)…`);
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, "node_modules/next/dist/bin/next"), "build"],
    {
      cwd: repoRoot,
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

/**
 * Spawns a long-running child in its own process group (so its own children stop with it), with
 * output to `logFile`; cleanup sends SIGTERM to the group, then SIGKILL after 10 s.
 */
export function spawnService(
  name: string,
  command: string[],
  options: { env: NodeJS.ProcessEnv; logFile: string },
  cleanups: Cleanups,
): ChildProcess {
  const log = fs.openSync(options.logFile, "w");
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: options.env,
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  cleanups.add(`stop ${name}`, () => stopGroup(child));
  return child;
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killTimer = setTimeout(() => {
      signalGroup(child, "SIGKILL");
      resolve();
    }, 10_000);
    child.once("exit", () => {
      clearTimeout(killTimer);
      resolve();
    });
    signalGroup(child, "SIGTERM");
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Polls `url` until it answers 2xx; fails early when the process exits, with the tail of its log. */
export async function waitUntilHealthy(
  url: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs = 120_000,
): Promise<void> {
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

const runningScripts = new Set<ChildProcess>();

/** Stops scripts still running (a benchmark stopped during a seed); register it as a cleanup. */
export function stopRunningScripts(): Promise<void> {
  return Promise.all([...runningScripts].map(stopGroup)).then(() => undefined);
}

/** Runs one of the project's tsx scripts to completion and returns its standard output. */
export async function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), script, ...args],
    {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  runningScripts.add(child);
  child.once("exit", () => runningScripts.delete(child));
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  if (code !== 0)
    throw new Error(
      `${script} ${args.join(" ")} failed (exit ${code}):\n${stderr.slice(-3000)}${stdout.slice(-1000)}`,
    );
  return stdout;
}

/**
 * CPU seconds (user + system) used so far by every process in the process group `groupId`, from
 * /proc (Linux); null elsewhere. A spawnService child leads its own group, so this includes the
 * processes it started (next start runs the server in a child).
 */
export function groupCpuSeconds(groupId: number): number | null {
  if (!fs.existsSync("/proc/self/stat")) return null;
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces) start at "state": pgrp is the 3rd, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === groupId) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}
