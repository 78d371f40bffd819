#!/usr/bin/env node
// The production smoke test (.ci/run): in an install made with `npm ci --omit=dev` from a build
// (no tsx, no devDependencies), start the standalone server with `npm start` on PostgreSQL + Redis,
// create a tenant with the compiled CLI, start the compiled worker, then send a code with the test
// key, read it from the outbox, verify it, and read /api/metrics. Plain Node: it must run there too.
//
//   node scripts/smoke-test.mjs --dir <install> --database-url postgresql://… --redis-url redis://… [--port 3350]
//
// With --standalone, <dir> is a copy of .next/standalone alone (what the container image holds), and
// the commands are the image's: `node server.js`, `node dist/cli.mjs`, `node dist/worker.mjs`.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: {
    dir: { type: "string" },
    "database-url": { type: "string" },
    "redis-url": { type: "string", default: "redis://127.0.0.1:6379" },
    port: { type: "string", default: process.env.E2E_PORT || "3350" },
    standalone: { type: "boolean", default: false },
  },
});
const dir = path.resolve(options.dir ?? ".");
const port = options.port;
const baseUrl = `http://127.0.0.1:${port}`;
const started = Date.now();
const children = [];

const step = (message) => console.log(`[smoke ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
function fail(message) {
  throw new Error(message);
}

/** `npm run <script> -- args`, or in the standalone folder the command the container runs. */
function command(args) {
  if (!options.standalone) return ["npm", ["run", "--silent", ...args]];
  const [script, , ...rest] = args[0] === "start" ? ["start", "--"] : args;
  const file = { start: "server.js", cli: "dist/cli.mjs", worker: "dist/worker.mjs" }[script];
  return [process.execPath, [file, ...rest]];
}

/** Runs a script in the install and returns its stdout (throws with its output on failure). */
function npmRun(args, env) {
  const [bin, argv] = command(args);
  const result = spawnSync(bin, argv, { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) fail(`npm run ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Starts a long-running npm script with its output in a log file. */
function npmStart(args, env, logName) {
  const logFile = path.join(dir, logName);
  const log = fs.openSync(logFile, "w");
  const [bin, argv] = command(args);
  const child = spawn(bin, argv, { cwd: dir, env, stdio: ["ignore", log, log], detached: true });
  children.push(child);
  return { child, logFile };
}

async function stop(child, name) {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  process.kill(-child.pid, "SIGTERM");
  const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), 15_000).unref());
  const result = await Promise.race([exited, timeout]);
  if (result === "timeout") {
    process.kill(-child.pid, "SIGKILL");
    fail(`${name} did not stop within 15 s of SIGTERM`);
  }
  return result;
}

async function waitFor(what, check, { timeoutMs = 60_000, logFile } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const tail = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-3000) : "";
  fail(`${what} timed out (${last})\n${tail}`);
}

async function api(method, pathName, { key, body, headers = {} } = {}) {
  const response = await fetch(`${baseUrl}${pathName}`, {
    method,
    headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // metrics are text
  }
  return { status: response.status, headers: response.headers, text, json };
}

function expect(condition, message, detail) {
  if (!condition) fail(`${message}${detail === undefined ? "" : `: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`}`);
}

async function main() {
  expect(!fs.existsSync(path.join(dir, "node_modules", "tsx")), "the install must not contain tsx (install with --omit=dev)");
  // (prisma and typescript may be there: npm installs them as peers of @prisma/client even with --omit=dev)
  expect(options["database-url"], "--database-url is required");

  const baseEnv = { ...process.env };
  for (const name of Object.keys(baseEnv)) if (name.startsWith("OTPILOT_") || name.startsWith("UPSTASH_")) delete baseEnv[name];
  delete baseEnv.NODE_ENV;

  // Production secrets, from the compiled CLI itself.
  const secrets = Object.fromEntries(
    npmRun(["cli", "--", "secrets:generate"], baseEnv)
      .trim()
      .split("\n")
      .map((line) => {
        const at = line.indexOf("=");
        return [line.slice(0, at), line.slice(at + 1).replace(/^"|"$/g, "")];
      }),
  );
  expect(secrets.OTPILOT_CODE_PEPPER && secrets.OTPILOT_SIGNING_KEY, "secrets:generate printed no secrets");
  step("compiled CLI: secrets:generate works");

  const metricsToken = "smoke-metrics-token-0123456789";
  const env = {
    ...baseEnv,
    ...secrets,
    NODE_ENV: "production",
    PORT: port,
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: options["database-url"],
    REDIS_URL: options["redis-url"],
    OTPILOT_BASE_URL: baseUrl,
    OTPILOT_WORKER: "0",
    OTPILOT_METRICS_TOKEN: metricsToken,
    OTPILOT_DATA_DIR: path.join(dir, ".data"),
    LOG_LEVEL: "info",
  };

  // Production refuses to start without its secrets, and says which.
  const [bin, argv] = command(["start"]);
  const refused = spawnSync(bin, argv, {
    cwd: dir,
    env: { ...env, OTPILOT_CODE_PEPPER: "", PORT: String(Number(port) + 1) },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(refused.status !== 0 && /OTPILOT_CODE_PEPPER/.test(refused.stdout + refused.stderr), "a server without its pepper must refuse to start", refused.stdout + refused.stderr);
  step("npm start without OTPILOT_CODE_PEPPER refuses, naming it");

  const server = npmStart(["start"], env, "smoke-server.log");
  await waitFor("server health", async () => (await api("GET", "/api/health")).status === 200, { timeoutMs: 90_000, logFile: server.logFile });
  const health = await api("GET", "/api/health");
  expect(health.json?.dependencies?.database?.backend === "postgres", "health must report PostgreSQL", health.json);
  expect(health.json?.dependencies?.rateLimitStore?.backend === "redis", "health must report Redis", health.json);
  step(`standalone server healthy on ${baseUrl} (PostgreSQL + Redis)`);

  const tenant = JSON.parse(npmRun(["cli", "--", "tenant:create", "--name", "Smoke", "--json"], env));
  const key = tenant.keys.test.secret;
  expect(key?.startsWith("otpsk_test_"), "tenant:create returned no test key", tenant);
  step(`compiled CLI: tenant ${tenant.tenantId} created`);

  const workerMetricsPort = String(Number(port) + 2);
  const worker = npmStart(["worker"], { ...env, OTPILOT_METRICS_PORT: workerMetricsPort }, "smoke-worker.log");
  await waitFor("worker start", () => fs.readFileSync(worker.logFile, "utf8").includes("OTPilot worker running"), { logFile: worker.logFile });
  step("compiled worker running");

  const sent = await api("POST", "/api/v1/otp/send", { key, body: { recipient: "+14155550123" } });
  expect(sent.status === 201, "send", sent.text);
  const outbox = await api("GET", "/api/v1/outbox", { key });
  expect(outbox.status === 200, "outbox", outbox.text);
  const message = (outbox.json?.data ?? []).find((m) => m.verificationId === sent.json.id);
  const code = /\b(\d{4,10})\b/.exec(message?.body ?? "")?.[1];
  expect(code, "the outbox holds no code for the verification", outbox.json);
  const wrong = await api("POST", "/api/v1/otp/verify", { key, body: { id: sent.json.id, code: code === "000000" ? "111111" : "000000" } });
  expect(wrong.status === 422, "a wrong code", wrong.text);
  const verified = await api("POST", "/api/v1/otp/verify", { key, body: { id: sent.json.id, code } });
  expect(verified.status === 200 && verified.json?.valid === true, "verify", verified.text);
  step(`send → outbox → verify: ${sent.json.id} approved`);

  expect((await api("GET", "/api/metrics")).status === 401, "metrics without the token must answer 401");
  const metrics = await api("GET", "/api/metrics", { headers: { Authorization: `Bearer ${metricsToken}` } });
  expect(metrics.status === 200, "metrics", metrics.text);
  for (const line of [
    'otpilot_otp_sends_total{kind="send",outcome="accepted"} 1',
    'otpilot_otp_verifies_total{outcome="approved"} 1',
    'otpilot_otp_verifies_total{outcome="invalid_code"} 1',
    'otpilot_http_requests_total{route="/api/v1/otp/send",method="POST",status="201"} 1',
  ]) {
    expect(metrics.text.includes(line), `metrics lack ${line}`, metrics.text.slice(0, 3000));
  }
  step("/api/metrics answers with the counts");
  const workerMetrics = await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } });
  const workerText = await workerMetrics.text();
  expect(workerMetrics.status === 200 && workerText.includes("# TYPE otpilot_job_failures_total counter"), "worker metrics", workerText.slice(0, 500));
  step("the worker answers /metrics on its own port");

  // npm (when used) dies of the signal; the worker below it must finish its jobs and close the pool.
  await stop(worker.child, "worker");
  await waitFor("worker stop", () => fs.readFileSync(worker.logFile, "utf8").includes("OTPilot worker stopped"), { timeoutMs: 5_000, logFile: worker.logFile });
  await stop(server.child, "server");
  step("worker and server stopped");
}

try {
  await main();
  step("passed");
} catch (error) {
  console.error(`[smoke] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}
