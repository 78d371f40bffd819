/**
 * `npx tsx scripts/bench/inproc-check.ts [iterations] [--handlers-only]`
 *
 * Where the CPU of a send and a verify goes, without Next.js: calls the route handlers, and pieces of
 * them (authentication, one limiter call, one statement through Prisma and through node-postgres…),
 * in this process against a fresh PostgreSQL database and Redis, 32 at a time, and prints the CPU
 * (user + system of this process) per call. The handler lines are what our own code costs; the
 * difference to `cpu-check.ts` is the framework's part. Steadier than the HTTP benchmarks on a busy
 * machine, so it is the one to compare two commits with (run it in a worktree of each, alternately).
 */
import fs from "node:fs";
import path from "node:path";
import { Cleanups, createDatabase, productionEnv, repoRoot, runScript } from "./services";
import { RAISED_LIMITS, RAISED_TENANT_LIMITS } from "./tenant";

const args = process.argv.slice(2);
const handlersOnly = args.includes("--handlers-only");
const iterations = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 2000);
const cleanups = new Cleanups();

let databaseName = "";

/** CPU seconds used so far by the PostgreSQL backends serving the benchmark's database (Linux /proc; 0 elsewhere). */
function postgresCpuSeconds(): number {
  if (!databaseName || !fs.existsSync("/proc/self/stat")) return 0;
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // A backend's title: "postgres: <user> <database> <client> <state>".
      if (!fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(` ${databaseName} `)) continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks / 100; // USER_HZ
}

/** Runs `work` for indices 0…count-1, 32 at a time: the first 200 warm up, the rest are measured. */
async function measure(name: string, count: number, work: (i: number) => Promise<unknown>): Promise<void> {
  const runUntil = async (from: number, to: number) => {
    let next = from;
    const worker = async () => {
      while (next < to) await work(next++);
    };
    await Promise.all(Array.from({ length: 32 }, worker));
  };
  const warm = Math.min(200, count);
  await runUntil(0, warm);
  const before = process.cpuUsage();
  const postgresBefore = postgresCpuSeconds();
  const started = performance.now();
  await runUntil(warm, count);
  const used = process.cpuUsage(before);
  const calls = count - warm;
  const cpuMs = (used.user + used.system) / 1000 / calls;
  const postgresMs = ((postgresCpuSeconds() - postgresBefore) * 1000) / calls;
  const wallMs = (performance.now() - started) / calls;
  console.log(
    `${name.padEnd(40)} ${cpuMs.toFixed(3)} ms CPU/call  PostgreSQL ${postgresMs.toFixed(3)} ms/call  (${wallMs.toFixed(3)} ms wall/call)`,
  );
}

try {
  const databaseUrl = await createDatabase("postgresql://postgres@127.0.0.1:5432/postgres", cleanups, "otpilot_inproc");
  databaseName = new URL(databaseUrl).pathname.slice(1);
  // This process is the server: lib/ reads its configuration from process.env.
  Object.assign(process.env, productionEnv({ databaseUrl, dataDir: path.join(repoRoot, ".data-inproc") }), {
    OTPILOT_BASE_URL: "http://localhost:3000",
  });
  await runScript("scripts/db-migrate.ts", [], process.env);
  const created = JSON.parse(await runScript("scripts/cli.ts", ["tenant:create", "--name", "inproc", "--json"], process.env)) as {
    tenantId: string;
    appId: string;
    keys: { test: { secret: string }; live: { secret: string } };
  };
  const { closeDb, db } = await import("@/lib/db/client");
  // Disconnected before the database is dropped (the cleanup), which would end its connections under it.
  cleanups.add("disconnect", closeDb);
  const prisma = await db();
  // The benchmark tenant's settings (scripts/bench/tenant.ts), written directly: no server to PATCH.
  await prisma.app.update({ where: { id: created.appId }, data: { exposeCode: true, rateLimits: RAISED_LIMITS } });
  await prisma.tenant.update({ where: { id: created.tenantId }, data: RAISED_TENANT_LIMITS });

  const send = (await import("@/app/api/v1/otp/send/route")).POST;
  const verify = (await import("@/app/api/v1/otp/verify/route")).POST;
  const live = (await import("@/app/api/health/live/route")).GET;
  const headers = { Authorization: `Bearer ${created.keys.test.secret}`, "Content-Type": "application/json" };
  const route = { params: Promise.resolve({}) };
  const codes: { id: string; code: string }[] = [];

  await measure("GET /api/health/live (handler)", iterations, async () => live());
  await measure("send (handler)", iterations, async (i) => {
    const response = await send(
      new Request("http://x/api/v1/otp/send", { method: "POST", headers, body: JSON.stringify({ recipient: `+551199${String(i).padStart(7, "0")}` }) }),
      route as never,
    );
    const text = await response.text();
    if (response.status !== 201) throw new Error(`send ${response.status} ${text}`);
    const parsed = JSON.parse(text) as { id: string; code: string };
    codes.push({ id: parsed.id, code: parsed.code });
  });
  await measure("verify (handler)", Math.min(iterations, codes.length), async () => {
    const body = codes.pop()!;
    const response = await verify(new Request("http://x/api/v1/otp/verify", { method: "POST", headers, body: JSON.stringify(body) }), route as never);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`verify ${response.status} ${text}`);
  });
  if (handlersOnly) {
    await cleanups.runAll();
    process.exit(0);
  }

  const { authenticateApiKey } = await import("@/lib/keys/authenticate-api-key");
  const requestHeaders = new Headers(headers);
  await measure("authenticateApiKey (cached)", iterations, () => authenticateApiKey(requestHeaders));
  const { checkLimits } = await import("@/lib/rate-limit/limiter");
  await measure("checkLimits (1 policy)", iterations, (i) => checkLimits([{ policy: "verifiesPerRecipient", id: `x${i % 50}` }]));
  await measure("prisma $queryRaw SELECT 1", iterations, () => prisma.$queryRaw`SELECT 1`);
  const ids = await prisma.verification.findMany({ select: { id: true }, take: 500 });
  await measure("prisma verification.findFirst", iterations, (i) =>
    prisma.verification.findFirst({ where: { id: ids[i % ids.length]!.id, tenantId: created.tenantId, mode: "test" } }),
  );
  await measure("prisma $queryRaw SELECT * verification", iterations, (i) =>
    prisma.$queryRaw`SELECT * FROM "Verification" WHERE "id" = ${ids[i % ids.length]!.id} AND "tenantId" = ${created.tenantId}`,
  );
  const pg = (await import("pg")).default;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await measure("pg pool SELECT 1", iterations, () => pool.query("SELECT 1"));
  await measure("pg pool SELECT * verification", iterations, (i) =>
    pool.query({ text: `SELECT * FROM "Verification" WHERE "id" = $1 AND "tenantId" = $2`, values: [ids[i % ids.length]!.id, created.tenantId] }),
  );
  await pool.end();
  const { readJsonBody } = await import("@/lib/http/body");
  const { verifyOtpSchema } = await import("@/lib/otp/schemas");
  await measure("Request + readJsonBody(verify)", iterations, () =>
    readJsonBody(new Request("http://x/", { method: "POST", headers, body: JSON.stringify({ id: "ver_01jd8x0000000000000000000", code: "123456" }) }), verifyOtpSchema).catch(() => null),
  );
  const { json } = await import("@/lib/http/api-route");
  await measure("json() Response + text()", iterations, () => json({ a: 1, b: "x".repeat(300) }).text());
} finally {
  await cleanups.runAll();
}
process.exit(0);
