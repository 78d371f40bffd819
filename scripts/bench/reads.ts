/**
 * Read latency at growing data sizes: for each row count a tenant is seeded with that many
 * verifications (with attempts, events and report rollups, by scripts/seed-verifications.ts) and
 * each read endpoint is called sequentially, one request at a time, to measure latency alone.
 */
import fs from "node:fs";
import path from "node:path";
import { runLoad } from "./load";
import { repoRoot, runScript } from "./services";
import { createBenchTenant } from "./tenant";

export type ReadLatency = { p50: number; p99: number; non2xx: number };
export type ReadsAtSize = { rows: number; seedSeconds: number; latencies: Record<string, ReadLatency> };

export const SEED_SCRIPT = "scripts/seed-verifications.ts";

/** The endpoints measured, by the name the report prints. `deepCursor` is filled in per tenant. */
function readPaths(deepCursor: string | null): Record<string, string> {
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const paths: Record<string, string> = {
    "list (first page)": "/api/v1/otp/list?limit=20",
    "logs (first page)": "/api/v1/otp/logs?limit=20",
    "reports (30 days, by day)": `/api/v1/otp/reports?from=${from.toISOString()}&to=${to.toISOString()}&interval=day`,
    "reports (30 days, by country)": `/api/v1/otp/reports?from=${from.toISOString()}&to=${to.toISOString()}&interval=day&groupBy=country`,
  };
  if (deepCursor)
    paths["list (deep page)"] = `/api/v1/otp/list?limit=20&cursor=${encodeURIComponent(deepCursor)}`;
  return paths;
}

export function seedScriptExists(): boolean {
  return fs.existsSync(path.join(repoRoot, SEED_SCRIPT));
}

export async function measureReadsAtSize(
  rows: number,
  options: { baseUrl: string; env: NodeJS.ProcessEnv; samples: number },
): Promise<ReadsAtSize> {
  const tenant = await createBenchTenant(`bench-reads-${rows}`, options.baseUrl, options.env);
  const started = Date.now();
  await runScript(SEED_SCRIPT, ["--count", String(rows), "--tenant", tenant.tenantId], options.env);
  const seedSeconds = (Date.now() - started) / 1000;

  const headers = { Authorization: `Bearer ${tenant.secret}` };
  // Deep: half-way into the data (at most 10,000 rows in), reached by following nextCursor.
  const deepCursor = await cursorAt(options.baseUrl, headers, Math.min(10_000, Math.floor(rows / 2)));
  const latencies: Record<string, ReadLatency> = {};
  for (const [name, readPath] of Object.entries(readPaths(deepCursor))) {
    await runLoad(
      options.baseUrl,
      { method: "GET", path: readPath, headers },
      { connections: 1, amount: 10 },
    ); // warm-up
    const result = await runLoad(
      options.baseUrl,
      { method: "GET", path: readPath, headers },
      { connections: 1, amount: options.samples },
    );
    latencies[name] = { p50: result.p50, p99: result.p99, non2xx: result.non2xx };
  }
  return { rows, seedSeconds, latencies };
}

/** The cursor of the page that starts `depth` rows into the newest-first list. */
async function cursorAt(
  baseUrl: string,
  headers: Record<string, string>,
  depth: number,
): Promise<string | null> {
  let cursor: string | null = null;
  for (let skipped = 0; skipped < depth; skipped += 100) {
    const url: string = `${baseUrl}/api/v1/otp/list?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response: Response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    cursor = ((await response.json()) as { nextCursor: string | null }).nextCursor;
    if (!cursor) return null;
  }
  return cursor;
}
