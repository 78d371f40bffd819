/**
 * `npx tsx scripts/bench/cpu-check.ts [--prof <dir>] [seconds] [live,unknown,send,verify]`
 *
 * A quick look at the server's CPU per request for a few routes of the production build (fresh
 * database, Redis, 64 connections), for comparing two builds of one change back to back: build one
 * with NEXT_DIST_DIR=.next-a, the other with .next-b, and run this with each NEXT_DIST_DIR. Far
 * shorter than `npm run bench`, and like it only meaningful on a quiet machine. `--prof` writes a V8
 * CPU profile of the server (read it with scripts/bench/summarize-profile.ts).
 */
import path from "node:path";
import { runLoad, type LoadRequest } from "./load";
import { Cleanups, createDatabase, groupCpuSeconds, productionEnv, repoRoot, startAppServer } from "./services";
import { createBenchTenant } from "./tenant";

const args = process.argv.slice(2);
const profAt = args.indexOf("--prof");
const profileDir = profAt >= 0 ? path.resolve(args.splice(profAt, 2)[1]!) : null;
const seconds = Number(args[0] ?? 8);
const only = args[1]?.split(",");

const cleanups = new Cleanups();
try {
  const databaseUrl = await createDatabase("postgresql://postgres@127.0.0.1:5432/postgres", cleanups, "otpilot_cpu");
  const env = productionEnv({ databaseUrl, dataDir: path.join(repoRoot, ".data-cpu-check") });
  const { baseUrl, server } = await startAppServer("server", {
    env,
    logFile: path.join(repoRoot, ".data-cpu-check.log"),
    cleanups,
    profileDir,
  });
  const tenant = await createBenchTenant("cpu-check", baseUrl, env);
  const headers = { Authorization: `Bearer ${tenant.secret}` };
  let next = 0;
  const codes: { id: string; code: string }[] = [];
  const scenarios: Record<string, LoadRequest> = {
    live: { method: "GET", path: "/api/health/live" },
    unknown: { method: "GET", path: "/api/v1/nope", headers },
    send: {
      method: "POST",
      path: "/api/v1/otp/send",
      headers,
      body: () => ({ recipient: `+551199${String(next++).padStart(7, "0")}` }),
      onResponse: (status, body) => {
        if (status === 201) codes.push(JSON.parse(body) as { id: string; code: string });
      },
    },
    // Codes of the send run, each used once (run send first).
    verify: { method: "POST", path: "/api/v1/otp/verify", headers, body: () => codes.pop() },
  };
  for (const [name, request] of Object.entries(scenarios)) {
    if (only && !only.includes(name)) continue;
    await runLoad(baseUrl, request, { connections: 64, seconds: 2 });
    const before = groupCpuSeconds(server.pid!)!;
    const duration = name === "verify" ? Math.min(seconds, 4) : seconds;
    const result = await runLoad(baseUrl, request, { connections: 64, seconds: duration });
    const cpuMs = ((groupCpuSeconds(server.pid!)! - before) * 1000) / result.total;
    console.log(
      `${name.padEnd(8)} ${result.requestsPerSecond.toFixed(0).padStart(5)} req/s  p99 ${String(result.p99).padStart(5)} ms  ` +
        `CPU ${cpuMs.toFixed(2)} ms/request  non-2xx ${result.non2xx}`,
    );
  }
} finally {
  await cleanups.runAll();
}
process.exit(0);
