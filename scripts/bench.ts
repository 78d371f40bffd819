/**
 * `npm run bench [-- --duration 10 --connections 64 --reads --rows 10000,1000000]`
 *
 * Throughput and latency of send and verify on the production build, against real PostgreSQL
 * (a fresh database, dropped at the end) and Redis, next to a floor measured in the same run: a
 * bare node:http server doing only the essential work with the same pool size
 * (scripts/bench/floor-server.ts). With --reads, read latency at growing data sizes. Targets are
 * printed, not asserted: the exit code is 0 when the benchmark ran, whatever the numbers, and
 * non-zero when something broke. Everything it starts it stops; all traffic stays on 127.0.0.1.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runLoad, type LoadResult } from "./bench/load";
import { profilePerRequest } from "./bench/per-request";
import { sampleWaits, type WaitSummary } from "./bench/profile";
import { measureReadsAtSize, seedScriptExists, SEED_SCRIPT, type ReadsAtSize } from "./bench/reads";
import { loadTable, perRequestTable, readsTable, waitsTable, type ScenarioResult } from "./bench/report";
import {
  Cleanups,
  createDatabase,
  ensureProductionBuild,
  freePort,
  productionEnv,
  repoRoot,
  runMeasuredLoad,
  spawnService,
  startAppServer,
  stopRunningScripts,
  waitUntilHealthy,
} from "./bench/services";
import { createBenchTenant } from "./bench/tenant";
import { decodePepper, makePendingVerifications, type PendingCode } from "./bench/verification-pool";

const USAGE = `npm run bench -- [options]
  --duration <s>        seconds of measured load per run (default 10)
  --warmup <s>          seconds of unmeasured load before each run (default 2)
  --connections <n>     concurrent connections (default 64)
  --pool-size <n>       PostgreSQL connections of the app and of the floor (default 10, the app's default)
  --skip-profile        skip the per-request profile (statements, round trips, Redis commands)
  --reads               also measure read latency (seeds --rows verifications per size)
  --rows <n,n…>         row counts for --reads (default 10000,1000000)
  --read-samples <n>    sequential requests per read endpoint (default 200)
  --dist-dir <dir>      Next.js build folder (default .next; built when BUILD_ID is missing)
  --database-url <url>  PostgreSQL admin URL on 127.0.0.1 (default postgresql://postgres@127.0.0.1:5432/postgres)
  --redis-url <url>     Redis on 127.0.0.1 (default redis://127.0.0.1:6379)
  --timeout <min>       give up (and clean up) after this many minutes (default 20)
  --cpu-prof <dir>      write a V8 CPU profile of the app server into <dir> (summarise it with
                        \`npx tsx scripts/bench/summarize-profile.ts <dir>/*.cpuprofile\`)`;

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "64" },
    "pool-size": { type: "string", default: "10" },
    "skip-profile": { type: "boolean", default: false },
    reads: { type: "boolean", default: false },
    rows: { type: "string", default: "10000,1000000" },
    "read-samples": { type: "string", default: "200" },
    "dist-dir": { type: "string", default: ".next" },
    "database-url": { type: "string", default: "postgresql://postgres@127.0.0.1:5432/postgres" },
    "redis-url": { type: "string", default: "redis://127.0.0.1:6379" },
    timeout: { type: "string", default: "20" },
    "cpu-prof": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) usage(`--${name} must be a positive integer`);
  return n;
}

function usage(problem?: string): never {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(problem ? 2 : 0);
}

function local(name: string, value: string): string {
  const host = new URL(value).hostname;
  if (host !== "127.0.0.1" && host !== "localhost")
    usage(`--${name} must point at 127.0.0.1: the benchmark creates and drops databases`);
  return value;
}

if (flags.help) usage();
const options = {
  duration: positiveInteger("duration", flags.duration),
  warmup: Number(flags.warmup),
  connections: positiveInteger("connections", flags.connections),
  poolSize: positiveInteger("pool-size", flags["pool-size"]),
  profile: !flags["skip-profile"],
  reads: flags.reads,
  rows: flags.rows.split(",").map((n) => positiveInteger("rows", n.trim())),
  readSamples: positiveInteger("read-samples", flags["read-samples"]),
  distDir: flags["dist-dir"],
  databaseUrl: local("database-url", flags["database-url"]),
  redisUrl: local("redis-url", flags["redis-url"]),
  timeoutMinutes: positiveInteger("timeout", flags.timeout),
  cpuProfileDir: flags["cpu-prof"] ? path.resolve(flags["cpu-prof"]) : null,
};

const cleanups = new Cleanups();
/** Logs are deleted at the end unless something broke or answered non-2xx. */
let keepLogs = false;
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "otpilot-bench-"));

async function main(): Promise<void> {
  ensureProductionBuild(options.distDir);
  const databaseUrl = await createDatabase(options.databaseUrl, cleanups, "otpilot_bench");
  cleanups.add("stop running scripts", stopRunningScripts);
  const env = serviceEnv(databaseUrl);

  const serverLog = path.join(logDir, "server.log");
  const { baseUrl, server } = await startAppServer("OTPilot server", {
    env,
    logFile: serverLog,
    cleanups,
    profileDir: options.cpuProfileDir,
  });
  console.log(`OTPilot (production build in ${options.distDir}) on ${baseUrl}; logs in ${logDir}`);

  const tenant = await createBenchTenant("bench", baseUrl, env);
  const headers = { Authorization: `Bearer ${tenant.secret}` };
  const template = await sendOnce(baseUrl, headers);

  const floorPort = await freePort();
  const floorUrl = `http://127.0.0.1:${floorPort}`;
  const floorLog = path.join(logDir, "floor.log");
  const floor = spawnService(
    "floor server",
    [
      process.execPath,
      path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"),
      path.join(repoRoot, "scripts/bench/floor-server.ts"),
    ],
    { env: { ...env, PORT: String(floorPort), BENCH_TEMPLATE_ID: template.id }, logFile: floorLog },
    cleanups,
  );
  await waitUntilHealthy(`${floorUrl}/health`, floor, floorLog);

  // Distinct, valid Brazilian mobile numbers (+55 11 99xxx-xxxx); other ranges: the pools (98), the profile (97, 96).
  let nextRecipient = 0;
  const sendBody = () => ({ recipient: `+551199${String(nextRecipient++).padStart(7, "0")}` });

  const appCodes: PendingCode[] = [];
  const floorCodes: PendingCode[] = [];
  const collect = (into: PendingCode[]) => (status: number, body: string) => {
    if (status !== 201) return;
    const { id, code } = JSON.parse(body) as PendingCode;
    into.push({ id, code });
  };
  const waits: Record<"send" | "verify", WaitSummary> = {} as never;
  // The framework's floor: the same server and build, a route that does nothing of ours.
  const app = { baseUrl, pid: server.pid!, databaseUrl };
  const floorServer = { baseUrl: floorUrl, pid: floor.pid!, databaseUrl };
  const framework = await measure("framework floor (GET /api/health/live)", app, {
    method: "GET",
    path: "/api/health/live",
  });
  const send: ScenarioResult = {
    name: "send",
    framework,
    app: await measure(
      "app send",
      app,
      { method: "POST", path: "/api/v1/otp/send", headers, body: sendBody, onResponse: collect(appCodes) },
      (summary) => (waits.send = summary),
    ),
    floor: await measure("floor send", floorServer, {
      method: "POST",
      path: "/send",
      body: sendBody,
      onResponse: collect(floorCodes),
    }),
  };
  console.log(loadTable([send], options.connections));

  // Enough pending verifications for a verify rate far above the targets.
  const poolSize = 5_000 * (options.duration + options.warmup);
  console.log(`Preparing ${poolSize} pending verifications each for the app's and the floor's verify runs…`);
  const pepper = decodePepper(env.OTPILOT_CODE_PEPPER!);
  const appPool = appCodes.concat(
    await makePendingVerifications(databaseUrl, {
      templateId: template.id,
      pepper,
      count: poolSize,
      recipientOffset: 0,
      redisUrl: env.REDIS_URL!,
    }),
  );
  const floorPool = floorCodes.concat(
    await makePendingVerifications(databaseUrl, {
      templateId: template.id,
      pepper,
      count: poolSize,
      recipientOffset: poolSize,
      redisUrl: env.REDIS_URL!,
    }),
  );
  const verify: ScenarioResult = {
    name: "verify",
    framework,
    app: await measure(
      "app verify",
      app,
      { method: "POST", path: "/api/v1/otp/verify", headers, body: take(appPool, "app") },
      (summary) => (waits.verify = summary),
    ),
    floor: await measure("floor verify", floorServer, {
      method: "POST",
      path: "/verify",
      body: take(floorPool, "floor"),
    }),
  };
  console.log(`\n${loadTable([send, verify], options.connections)}`);
  if ([send, verify].some((s) => s.app.non2xx > 0 || s.floor.non2xx > 0)) keepLogs = true;
  console.log(`\n${waitsTable(waits, options.poolSize)}`);

  if (options.profile) {
    const profile = await profilePerRequest({
      env,
      tenant,
      logFile: path.join(logDir, "profiled-server.log"),
      requests: 30,
    });
    console.log(`\n${perRequestTable(profile)}`);
  }

  if (options.reads) {
    if (!seedScriptExists()) {
      console.log(`\nRead latency skipped: ${SEED_SCRIPT} is missing.`);
      return;
    }
    const sizes: ReadsAtSize[] = [];
    for (const rows of options.rows) {
      console.log(`\nSeeding ${rows} verifications and measuring reads…`);
      sizes.push(await measureReadsAtSize(rows, { baseUrl, env, samples: options.readSamples }));
      console.log(readsTable(sizes));
    }
  }
}

/** The environment of the server, the floor and the scripts: same database, Redis, pool size, secrets. */
function serviceEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...productionEnv({ databaseUrl, redisUrl: options.redisUrl, poolSize: options.poolSize, dataDir: path.join(logDir, "data") }),
    NEXT_DIST_DIR: options.distDir,
  };
}

/** One real send: proves the path works before loading it, and gives the floor a real row to copy. */
async function sendOnce(baseUrl: string, headers: Record<string, string>): Promise<PendingCode> {
  const response = await fetch(`${baseUrl}/api/v1/otp/send`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ recipient: "+5511987654321" }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /api/v1/otp/send: ${response.status} ${text}`);
  const body = JSON.parse(text) as PendingCode;
  if (!body.code) throw new Error("The send answer has no code although exposeCode is on.");
  return body;
}

/**
 * Warm-up (discarded), then the measured run, with the CPU the server's processes and the database's
 * backends spent on it; `sampleWaitsInto` watches the database's connections meanwhile.
 */
async function measure(
  label: string,
  target: { baseUrl: string; pid: number; databaseUrl: string },
  request: Parameters<typeof runLoad>[1],
  sampleWaitsInto?: (summary: WaitSummary) => void,
): Promise<LoadResult> {
  if (options.warmup > 0) await runLoad(target.baseUrl, request, { connections: options.connections, seconds: options.warmup });
  process.stdout.write(`${label}: ${options.duration} s at ${options.connections} connections… `);
  const sampler = sampleWaitsInto && sampleWaits(target.databaseUrl);
  const result = await runMeasuredLoad(target, request, { connections: options.connections, seconds: options.duration });
  if (sampler) sampleWaitsInto(await sampler.stop());
  console.log(`${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99} ms, non-2xx ${result.non2xx}`);
  return result;
}

/** Verify bodies from a pool, each code used once; a pool that runs dry starts over (and answers non-2xx). */
function take(pool: PendingCode[], name: string): () => PendingCode {
  let next = 0;
  return () => {
    if (next === pool.length)
      console.warn(`\nThe ${name} verify pool (${pool.length}) ran dry: repeats will answer non-2xx.`);
    return pool[next++ % pool.length]!;
  };
}

const deadline = setTimeout(() => {
  console.error(`\nThe benchmark took longer than ${options.timeoutMinutes} minutes: stopping.`);
  void cleanups.runAll().then(() => process.exit(1));
}, options.timeoutMinutes * 60_000);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping what the benchmark started…`);
    void cleanups.runAll().then(() => process.exit(130));
  });
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error("\nThe benchmark broke:", error);
  exitCode = 1;
} finally {
  clearTimeout(deadline);
  await cleanups.runAll();
  fs.rmSync(path.join(logDir, "data"), { recursive: true, force: true });
  if (exitCode === 0 && !keepLogs) fs.rmSync(logDir, { recursive: true, force: true });
  else console.error(`Server and floor logs: ${logDir}`);
}
process.exit(exitCode);
