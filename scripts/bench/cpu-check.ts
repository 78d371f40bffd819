/**
 * `npx tsx scripts/bench/cpu-check.ts [--prof <dir>] [seconds] [live,unknown,send,verify]`
 *
 * A quick look at the server's CPU per request for a few routes of the production build (fresh
 * database, Redis, 64 connections). Far shorter than `npm run bench`, and like it only meaningful on
 * a quiet machine; to compare two builds, ab-check.ts interleaves their runs. `--prof` writes a V8
 * CPU profile of the server (read it with scripts/bench/summarize-profile.ts; `--last 4500` for the
 * verify window).
 */
import path from "node:path";
import { startHotPathServer } from "./hot-path-server";
import { runLoad } from "./load";
import { Cleanups, runMeasuredLoad } from "./services";

const args = process.argv.slice(2);
const profAt = args.indexOf("--prof");
const profileDir = profAt >= 0 ? path.resolve(args.splice(profAt, 2)[1]!) : null;
const seconds = Number(args[0] ?? 8);
const only = args[1]?.split(",");

const cleanups = new Cleanups();
try {
  const server = await startHotPathServer({ name: "cpu-check", cleanups, recipientPrefix: "+551199", profileDir });
  const { baseUrl, scenarios } = server;
  for (const [name, request] of Object.entries(scenarios)) {
    if (only && !only.includes(name)) continue;
    await runLoad(baseUrl, request, { connections: 64, seconds: 2 });
    const duration = name === "verify" ? Math.min(seconds, 4) : seconds;
    const result = await runMeasuredLoad(server, request, { connections: 64, seconds: duration });
    console.log(
      `${name.padEnd(8)} ${result.requestsPerSecond.toFixed(0).padStart(5)} req/s  p99 ${String(result.p99).padStart(5)} ms  ` +
        `CPU ${result.cpuMsPerRequest?.toFixed(2)} ms/request  PostgreSQL ${result.databaseCpuMsPerRequest?.toFixed(2)} ms/request  ` +
        `non-2xx ${result.non2xx}`,
    );
  }
} finally {
  await cleanups.runAll();
}
process.exit(0);
