/**
 * The benchmark's floor: a bare node:http server that does only the essential work of send and
 * verify, against the same PostgreSQL database, the same Redis and the same pool size as the app.
 * What the app spends above it is framework, validation, authentication and extra queries.
 *
 * - POST /send   {recipient}  → one limiter call (the project's limiter, one policy) and one INSERT
 *   of a verification shaped like a real one (copied from BENCH_TEMPLATE_ID); answers {id, code}.
 * - POST /verify {id, code}   → the code's HMAC and one conditional UPDATE (pending, same hash,
 *   not expired); answers 200 {valid: true} or 422.
 *
 * Started by scripts/bench.ts with DATABASE_URL, REDIS_URL, DATABASE_POOL_SIZE,
 * OTPILOT_CODE_PEPPER, BENCH_TEMPLATE_ID and PORT; prints "listening" when ready.
 */
import http from "node:http";
import pg from "pg";
import { generateCode, hashCode } from "@/lib/otp/code";
import { newId } from "@/lib/ids";
import { createRateLimiter } from "@/lib/rate-limit/rate-limiter";
import { createRedisTcpStore } from "@/lib/rate-limit/stores/redis-tcp";
import { decodePepper } from "./verification-pool";

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`floor server: ${name} is not set`);
  return value;
};

const pool = new pg.Pool({
  connectionString: required("DATABASE_URL"),
  max: Number(required("DATABASE_POOL_SIZE")),
});
// Its own key prefix: the floor's counters never touch the app's.
const limiter = createRateLimiter({
  store: createRedisTcpStore(required("REDIS_URL")),
  keyPrefix: "otpilot:bench-floor",
});
const pepper = decodePepper(required("OTPILOT_CODE_PEPPER"));
const template = (
  await pool.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(v) AS row FROM "Verification" v WHERE "id" = $1`,
    [required("BENCH_TEMPLATE_ID")],
  )
).rows[0]?.row;
if (!template) throw new Error("floor server: the template verification does not exist");

async function send(body: { recipient?: unknown }): Promise<[number, unknown]> {
  if (typeof body.recipient !== "string") return [400, { error: "recipient" }];
  const result = await limiter.check([
    { policy: "sendsPerRecipient", id: body.recipient, override: { limit: 1_000_000, windowSeconds: 600 } },
  ]);
  if (!result.ok) return [429, { error: "rate_limited" }];
  const id = newId("ver");
  const code = generateCode(6, "numeric");
  const now = new Date();
  const row = {
    ...template,
    id,
    recipient: body.recipient,
    codeHash: hashCode(code, pepper, id),
    status: "pending",
    attempts: 0,
    codeEncrypted: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
  };
  await pool.query(
    `INSERT INTO "Verification" SELECT * FROM jsonb_populate_record(NULL::"Verification", $1::jsonb)`,
    [row],
  );
  return [201, { id, code }];
}

async function verify(body: { id?: unknown; code?: unknown }): Promise<[number, unknown]> {
  if (typeof body.id !== "string" || typeof body.code !== "string") return [400, { error: "id, code" }];
  const { rowCount } = await pool.query(
    `UPDATE "Verification" SET "status" = 'approved', "verifiedAt" = now(), "endedAt" = now(), "updatedAt" = now()
      WHERE "id" = $1 AND "status" = 'pending' AND "codeHash" = $2 AND "expiresAt" > now()`,
    [body.id, hashCode(body.code, pepper, body.id)],
  );
  return rowCount === 1 ? [200, { valid: true }] : [422, { error: "invalid_code" }];
}

const routes: Record<string, (body: never) => Promise<[number, unknown]>> = {
  "/send": send,
  "/verify": verify,
};

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", async () => {
    let status = 404;
    let answer: unknown = { error: "not_found" };
    try {
      const route = request.method === "POST" ? routes[request.url ?? ""] : undefined;
      if (request.url === "/health") [status, answer] = [200, { ok: true }];
      else if (route)
        [status, answer] = await route(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as never);
    } catch (error) {
      status = 500;
      answer = { error: String(error) };
    }
    response.writeHead(status, { "Content-Type": "application/json" });
    response.end(JSON.stringify(answer));
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(required("PORT")), "127.0.0.1", () => console.log("listening"));

const stop = () => {
  server.close();
  void Promise.allSettled([pool.end(), limiter.close()]).then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
