/**
 * What the benchmark starts and must stop again, on top of scripts/lib/services.ts (shared with the
 * integration tests' set-up): the production build of OTPilot, and the project's scripts run to
 * completion (seeding).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { runLoad, type LoadRequest, type LoadResult } from "./load";
import { BENCH_OBSERVER } from "./profile";
import { generateSecrets } from "@/lib/config/secrets";
import { freePort, repoRoot, spawnService, stopGroup, waitUntilHealthy, type Cleanups } from "../lib/services";

export { Cleanups, createDatabase, freePort, repoRoot, spawnService, waitUntilHealthy } from "../lib/services";

/**
 * The environment of a benchmarked production server (and of the scripts run against it): a fresh
 * set of secrets, PostgreSQL and Redis over TCP, no demo tenant, warnings only in the logs.
 */
export function productionEnv(options: {
  databaseUrl: string;
  redisUrl?: string;
  poolSize?: number;
  dataDir: string;
}): NodeJS.ProcessEnv {
  const secrets = generateSecrets();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
    REDIS_URL: options.redisUrl ?? "redis://127.0.0.1:6379",
    OTPILOT_DATA_DIR: options.dataDir,
    OTPILOT_DEMO_TENANT: "0",
    OTPILOT_CODE_PEPPER: secrets.codePepper,
    OTPILOT_ENCRYPTION_KEYS: secrets.encryptionKeys,
    OTPILOT_SIGNING_KEY: secrets.signingKeyPem,
    NEXTAUTH_SECRET: secrets.nextAuthSecret,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
  // The limiter is Redis over TCP, whatever the developer's shell has set.
  delete env.UPSTASH_REDIS_REST_URL;
  delete env.UPSTASH_REDIS_REST_TOKEN;
  return env;
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
    const fields = statFields(Number(entry));
    if (fields && Number(fields[2]) === groupId) ticks += cpuTicks(fields);
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/**
 * CPU seconds used so far by each PostgreSQL backend connected to `databaseUrl`'s database, by pid,
 * from /proc: the database runs on this machine in every setup the bench supports. Null elsewhere.
 * A backend that starts between two readings counts from zero; one that ends is lost (the app's pool
 * keeps its connections). The bench's own watching connections (BENCH_OBSERVER) are left out.
 */
async function databaseCpuSeconds(databaseUrl: string): Promise<Map<number, number> | null> {
  if (!fs.existsSync("/proc/self/stat")) return null;
  const client = new pg.Client({ connectionString: databaseUrl, application_name: BENCH_OBSERVER });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name <> $1`,
      [BENCH_OBSERVER],
    );
    const seconds = new Map<number, number>();
    for (const { pid } of rows) {
      const fields = statFields(pid);
      if (fields) seconds.set(pid, cpuTicks(fields) / 100);
    }
    return seconds;
  } finally {
    await client.end();
  }
}

/** The CPU seconds the backends of two databaseCpuSeconds readings used between them. */
function databaseCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/**
 * A load run of `request` against `target`, with the CPU its server's process group and its
 * database's backends spent per answered request (Linux; left out elsewhere).
 */
export async function runMeasuredLoad(
  target: { baseUrl: string; pid: number; databaseUrl: string },
  request: LoadRequest,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const [cpuBefore, databaseBefore] = [groupCpuSeconds(target.pid), await databaseCpuSeconds(target.databaseUrl)];
  const result = await runLoad(target.baseUrl, request, options);
  const [cpuAfter, databaseAfter] = [groupCpuSeconds(target.pid), await databaseCpuSeconds(target.databaseUrl)];
  if (result.total > 0) {
    if (cpuBefore !== null && cpuAfter !== null) result.cpuMsPerRequest = ((cpuAfter - cpuBefore) * 1000) / result.total;
    if (databaseBefore && databaseAfter)
      result.databaseCpuMsPerRequest = (databaseCpuBetween(databaseBefore, databaseAfter) * 1000) / result.total;
  }
  return result;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or null when it is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // exited meanwhile
  }
}

/** utime + stime in clock ticks, from statFields (they start at "state": utime is the 12th, stime the 13th). */
const cpuTicks = (fields: string[]) => Number(fields[11]) + Number(fields[12]);

/**
 * The production build's server (`next start`) on a free port of 127.0.0.1, healthy before this
 * returns; stopped by `cleanups`. `profileDir` writes a V8 CPU profile there when it stops.
 */
export async function startAppServer(
  name: string,
  options: { env: NodeJS.ProcessEnv; logFile: string; cleanups: Cleanups; profileDir?: string | null },
): Promise<{ baseUrl: string; server: ChildProcess }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawnService(
    name,
    [
      process.execPath,
      // The profile is written when the server exits (its cleanup stops it with SIGTERM).
      ...(options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : []),
      path.join(repoRoot, "node_modules/next/dist/bin/next"),
      "start",
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
    ],
    { env: { ...options.env, PORT: String(port), OTPILOT_BASE_URL: baseUrl }, logFile: options.logFile },
    options.cleanups,
  );
  await waitUntilHealthy(`${baseUrl}/api/health`, server, options.logFile);
  return { baseUrl, server };
}
