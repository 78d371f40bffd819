/** The benchmark's printed tables: numbers next to their targets, which are reported, never asserted. */
import type { LoadResult } from "./load";
import type { ReadsAtSize } from "./reads";

export const TARGETS = {
  sendPerSecond: 1_000,
  verifyPerSecond: 2_000,
  p99Ms: 50,
  floorShare: 0.7,
  readGrowth: 1.5,
  reportMs: 300,
};

export type ScenarioResult = { name: "send" | "verify"; app: LoadResult; floor: LoadResult };

const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
const fixed = (n: number, digits = 0) => n.toFixed(digits);

/** A plain-text table with aligned columns (Markdown-compatible). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function statuses(result: LoadResult): string {
  const entries = Object.entries(result.statuses);
  return entries.length ? entries.map(([status, count]) => `${status}×${count}`).join(" ") : "0";
}

export function loadTable(results: ScenarioResult[], connections: number): string {
  const rows = results.map(({ name, app, floor }) => {
    const target = name === "send" ? TARGETS.sendPerSecond : TARGETS.verifyPerSecond;
    const ratio = app.requestsPerSecond / Math.max(floor.requestsPerSecond, 0.001);
    return [
      name,
      fixed(app.requestsPerSecond),
      fixed(app.p50, 1),
      fixed(app.p99, 1),
      statuses(app),
      fixed(floor.requestsPerSecond),
      fixed(floor.p50, 1),
      fixed(floor.p99, 1),
      statuses(floor),
      `${fixed(ratio * 100)}%`,
      [
        `req/s≥${target} ${mark(app.requestsPerSecond >= target)}`,
        `p99≤${TARGETS.p99Ms}ms ${mark(app.p99 <= TARGETS.p99Ms)}`,
        `≥${TARGETS.floorShare * 100}% floor ${mark(ratio >= TARGETS.floorShare)}`,
      ].join(", "),
    ];
  });
  return [
    `Send and verify at ${connections} connections (latencies in ms; non-2xx by status)`,
    table(
      ["scenario", "req/s", "p50", "p99", "non-2xx", "floor req/s", "floor p50", "floor p99", "floor non-2xx", "app/floor", "targets"],
      rows,
    ),
  ].join("\n");
}

export function readsTable(sizes: ReadsAtSize[]): string {
  const first = sizes[0]!;
  const last = sizes[sizes.length - 1]!;
  const endpoints = Object.keys(first.latencies);
  const label = (rows: number) => (rows >= 1_000_000 ? `${rows / 1_000_000}M` : rows >= 1_000 ? `${rows / 1_000}k` : String(rows));
  const header = ["endpoint", ...sizes.flatMap((s) => [`${label(s.rows)} p50`, `${label(s.rows)} p99`])];
  if (sizes.length > 1) header.push(`p50 ${label(last.rows)}/${label(first.rows)}`);
  header.push("target");
  const rows = endpoints.map((endpoint) => {
    const cells = [endpoint];
    for (const size of sizes) {
      const latency = size.latencies[endpoint];
      cells.push(latency ? fixed(latency.p50, 1) : "-", latency ? fixed(latency.p99, 1) + (latency.non2xx ? ` (${latency.non2xx} non-2xx)` : "") : "-");
    }
    const growth = (last.latencies[endpoint]?.p50 ?? NaN) / (first.latencies[endpoint]?.p50 ?? NaN);
    if (sizes.length > 1) cells.push(Number.isFinite(growth) ? `${fixed(growth, 2)}×` : "-");
    if (endpoint.startsWith("reports")) {
      const worst = Math.max(...sizes.map((s) => s.latencies[endpoint]?.p99 ?? Infinity));
      cells.push(`p99<${TARGETS.reportMs}ms ${mark(worst < TARGETS.reportMs)}`);
    } else if (endpoint.startsWith("list") || endpoint.startsWith("logs")) {
      cells.push(sizes.length > 1 ? `≤${TARGETS.readGrowth}× ${mark(growth <= TARGETS.readGrowth)}` : "-");
    } else {
      cells.push("-");
    }
    return cells;
  });
  const seeding = sizes.map((s) => `${label(s.rows)} rows in ${fixed(s.seedSeconds, 1)} s`).join(", ");
  return [`Read latency, sequential requests (ms); seeding: ${seeding}`, table(header, rows)].join("\n");
}
