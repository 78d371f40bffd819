/**
 * Global setup of the integration tests: a fresh database and a running OTPilot server.
 *
 * - Database: with TEST_DATABASE_URL (or DATABASE_URL) a new PostgreSQL database is created for this
 *   run and dropped afterwards; without, a new embedded data folder in the temp dir.
 * - Rate-limit store: TEST_LIMITER=redis (REDIS_URL, default redis://127.0.0.1:6379), upstash (our
 *   Upstash REST bridge onto that Redis, so @upstash/redis itself runs), or memory (default when no
 *   database URL is given, i.e. the embedded default).
 * - Server: the standalone production server (`.next/standalone/server.js`, as `npm start` runs it)
 *   when OTPILOT_TEST_SERVER=start (CI builds first),
 *   else `next dev` in its own build folder. It migrates the database at start.
 * Workers get the same DATABASE_URL / OTPILOT_DATA_DIR, so tests can also read the database directly.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { generateSecrets } from "../../lib/config/secrets";
import { Cleanups, createDatabase, freePort, repoRoot as root, signalGroup, spawnService, waitUntilHealthy } from "../../scripts/lib/services";
import { startUpstashBridge } from "../../scripts/upstash-bridge";
import { startProviderStandIn } from "../helpers/providers/stand-in";
import { startWorkerProcess, waitForWorker } from "../helpers/worker-process";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string | null;
    dataDir: string;
    limiter: string;
    redisUrl: string | null;
    upstash: { url: string; token: string } | null;
    /** the Twilio + Meta stand-in (tests/helpers/providers/stand-in.ts) */
    providerStandIn: string;
    /** how to start another job worker like the one global setup started */
    worker: { env: Record<string, string>; logFile: string; pidFile: string };
  }
}

export default async function setup(project: TestProject) {
  const cleanups = new Cleanups();
  const teardown = () => cleanups.runAll();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "otpilot-test-"));
  cleanups.add("remove the data folder", () => fs.rmSync(dataDir, { recursive: true, force: true }));

  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
  const databaseUrl = adminUrl ? await createDatabase(adminUrl, cleanups, "otpilot_test") : null;

  const limiter = process.env.TEST_LIMITER || (adminUrl ? "redis" : "memory");
  const redisUrl = limiter === "memory" ? null : process.env.REDIS_URL || "redis://127.0.0.1:6379";
  let upstash: { url: string; token: string } | null = null;
  if (limiter === "upstash") {
    const token = `test-token-${Math.random().toString(36).slice(2)}`;
    const bridge = await startUpstashBridge({ port: 0, token, redisUrl: redisUrl! });
    upstash = { url: bridge.url, token };
    cleanups.add("close the Upstash bridge", () => bridge.close());
  }

  // Provider stand-ins first: the server and the worker learn their URLs at start.
  const standIn = await startProviderStandIn();
  cleanups.add("close the provider stand-in", () => standIn.close());

  // The server's secrets, given as a production deployment gives them (required there with
  // DATABASE_URL); the workers get the same ones, so their lib/ code agrees with the server.
  const secrets = generateSecrets();
  process.env.OTPILOT_CODE_PEPPER ??= secrets.codePepper;
  process.env.OTPILOT_ENCRYPTION_KEYS ??= secrets.encryptionKeys;
  process.env.OTPILOT_SIGNING_KEY ??= secrets.signingKeyPem;
  process.env.NEXTAUTH_SECRET ??= secrets.nextAuthSecret;

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const mode = process.env.OTPILOT_TEST_SERVER === "start" ? "start" : "dev";
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: mode === "start" ? "production" : "development",
    PORT: String(port),
    OTPILOT_BASE_URL: baseUrl,
    OTPILOT_DATA_DIR: dataDir,
    OTPILOT_DEMO_TENANT: "0",
    OTPILOT_ALLOW_PRIVATE_WEBHOOKS: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
    TWILIO_API_BASE_URL: standIn.url,
    WHATSAPP_API_BASE_URL: standIn.url,
    // Deliveries run in a worker process of their own (below), so a test can kill and restart it.
    OTPILOT_WORKER: "0",
    OTPILOT_DELIVERY_RECEIPT_TIMEOUT: "3",
    // tests/integration/metrics reads /api/metrics with it
    OTPILOT_METRICS_TOKEN: "otpilot-test-metrics-token",
  };
  delete serverEnv.DATABASE_URL;
  delete serverEnv.REDIS_URL;
  delete serverEnv.UPSTASH_REDIS_REST_URL;
  delete serverEnv.UPSTASH_REDIS_REST_TOKEN;
  if (databaseUrl) serverEnv.DATABASE_URL = databaseUrl;
  if (limiter === "redis") serverEnv.REDIS_URL = redisUrl!;
  if (upstash) {
    serverEnv.UPSTASH_REDIS_REST_URL = upstash.url;
    serverEnv.UPSTASH_REDIS_REST_TOKEN = upstash.token;
  }
  // OTPILOT_TEST_DIST_DIR lets two suites run side by side in one checkout (next dev locks its folder).
  if (mode === "dev") serverEnv.NEXT_DIST_DIR = process.env.OTPILOT_TEST_DIST_DIR || ".next-test";

  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
  const logFile = path.join(root, "test-results", `server-${project.name}-${Date.now()}.log`);
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  // The standalone server reads its port and address from the environment.
  if (mode === "start") serverEnv.HOSTNAME = "127.0.0.1";
  const serverArgs =
    mode === "start"
      ? [path.join(root, ".next/standalone/server.js")]
      : [nextBin, mode, "--port", String(port), "--hostname", "127.0.0.1"];
  const server = spawnService("the test server", [process.execPath, ...serverArgs], { env: serverEnv, logFile }, cleanups);
  try {
    await waitUntilHealthy(`${baseUrl}/api/health`, server, logFile, 180_000);
  } catch (error) {
    await teardown();
    throw error;
  }

  // The job worker, as `npm run worker` beside the server (same configuration, its own process).
  const workerLog = path.join(root, "test-results", `worker-${project.name}-${Date.now()}.log`);
  const workerPidFile = path.join(dataDir, "worker.pid");
  const workerEnv = { ...serverEnv, LOG_LEVEL: "info" } as Record<string, string>;
  delete workerEnv.NEXT_DIST_DIR;
  startWorkerProcess(workerEnv, workerLog, workerPidFile);
  // Reads the pid file at teardown: a test that restarted the worker wrote its successor's pid there.
  cleanups.add("stop the worker", () => {
    if (fs.existsSync(workerPidFile)) signalGroup(Number(fs.readFileSync(workerPidFile, "utf8")), "SIGTERM");
  });
  try {
    await waitForWorker(workerLog, 0);
  } catch (error) {
    await teardown();
    throw error;
  }

  // Workers reach the same database (PostgreSQL directly; the embedded one through the server's socket).
  process.env.OTPILOT_DATA_DIR = dataDir;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  project.provide("baseUrl", baseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("dataDir", dataDir);
  project.provide("limiter", limiter);
  project.provide("redisUrl", redisUrl);
  project.provide("upstash", upstash);
  project.provide("providerStandIn", standIn.url);
  project.provide("worker", { env: workerEnv, logFile: workerLog, pidFile: workerPidFile });
  return teardown;
}
