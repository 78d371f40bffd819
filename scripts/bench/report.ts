/** The benchmark's printed tables: numbers next to their targets, which are reported, never asserted. */
import type { LoadResult } from "./load";
import type { PerRequest } from "./per-request";
import type { WaitSummary } from "./profile";
import type { ReadsAtSize } from "./reads";

/** Issue 12's budgets for send and verify (test mode, outbox delivery, no webhook), and the reads'. */
export const TARGETS = {
  perSecond: { send: 400, verify: 700 },
  p99Ms: 250,
  cpuMsPerRequest: { send: 3, verify: 2 },
  statementsPerRequest: { send: 8, verify: 5 },
  redisRoundTripsPerRequest: 2,
  readGrowth: 1.5,
  reportMs: 300,
};

/**
 * One scenario's load runs: the app, the bare node:http floor doing the same essential work, and the
 * framework floor (a route of the same Next.js build that does nothing: how much of the gap is ours).
 */
export type ScenarioResult = {
  name: "send" | "verify";
  app: LoadResult;
  floor: LoadResult;
  framework: LoadResult;
};

const mark = (ok: boolean) => (ok ? "ok" : "MISSED");
const fixed = (n: number, digits = 0) => n.toFixed(digits);

/** A plain-text table with aligned columns (Markdown-compatible). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const cpu = (result: LoadResult) =>
  result.cpuMsPerRequest === undefined ? "-" : fixed(result.cpuMsPerRequest, 2);
const databaseCpu = (result: LoadResult) =>
  result.databaseCpuMsPerRequest === undefined ? "-" : fixed(result.databaseCpuMsPerRequest, 2);

function statuses(result: LoadResult): string {
  const entries = Object.entries(result.statuses);
  return entries.length ? entries.map(([status, count]) => `${status}×${count}`).join(" ") : "0";
}

export function loadTable(results: ScenarioResult[], connections: number): string {
  const rows = results.map(({ name, app, floor, framework }) => {
    const target = TARGETS.perSecond[name];
    const cpuTarget = TARGETS.cpuMsPerRequest[name];
    const share = (of: LoadResult) =>
      `${fixed((app.requestsPerSecond / Math.max(of.requestsPerSecond, 0.001)) * 100)}%`;
    return [
      name,
      fixed(app.requestsPerSecond),
      fixed(app.p50, 1),
      fixed(app.p99, 1),
      statuses(app),
      cpu(app),
      databaseCpu(app),
      fixed(floor.requestsPerSecond),
      fixed(floor.p50, 1),
      fixed(floor.p99, 1),
      statuses(floor),
      cpu(floor),
      databaseCpu(floor),
      share(floor),
      fixed(framework.requestsPerSecond),
      cpu(framework),
      share(framework),
      [
        `req/s≥${target} ${mark(app.requestsPerSecond >= target)}`,
        `p99≤${TARGETS.p99Ms}ms ${mark(app.p99 <= TARGETS.p99Ms)}`,
        `non-2xx 0 ${mark(app.non2xx === 0)}`,
        `CPU≤${cpuTarget}ms ${mark(app.cpuMsPerRequest !== undefined && app.cpuMsPerRequest <= cpuTarget)}`,
      ].join(", "),
    ];
  });
  return [
    `Send and verify at ${connections} connections (latencies in ms; non-2xx by status; CPU: the server's processes; PG CPU: the database's backends; framework: GET /api/health/live on the same server)`,
    table(
      [
        "scenario",
        "req/s",
        "p50",
        "p99",
        "non-2xx",
        "CPU ms/req",
        "PG CPU ms/req",
        "floor req/s",
        "floor p50",
        "floor p99",
        "floor non-2xx",
        "floor CPU ms/req",
        "floor PG CPU ms/req",
        "app/floor",
        "framework req/s",
        "framework CPU ms/req",
        "app/framework",
        "targets",
      ],
      rows,
    ),
  ].join("\n");
}

export function readsTable(sizes: ReadsAtSize[]): string {
  const first = sizes[0]!;
  const last = sizes[sizes.length - 1]!;
  const endpoints = Object.keys(first.latencies);
  const label = (rows: number) =>
    rows >= 1_000_000 ? `${rows / 1_000_000}M` : rows >= 1_000 ? `${rows / 1_000}k` : String(rows);
  const header = ["endpoint", ...sizes.flatMap((s) => [`${label(s.rows)} p50`, `${label(s.rows)} p99`])];
  if (sizes.length > 1) header.push(`p50 ${label(last.rows)}/${label(first.rows)}`);
  header.push("target");
  const rows = endpoints.map((endpoint) => {
    const cells = [endpoint];
    for (const size of sizes) {
      const latency = size.latencies[endpoint];
      cells.push(
        latency ? fixed(latency.p50, 1) : "-",
        latency ? fixed(latency.p99, 1) + (latency.non2xx ? ` (${latency.non2xx} non-2xx)` : "") : "-",
      );
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

export function perRequestTable(profile: { send: PerRequest; verify: PerRequest }): string {
  const { send, verify } = profile;
  const per = (n: number, of: PerRequest) => fixed(n / of.requests, 1);
  const rows = [
    ["mean latency, one at a time (ms)", fixed(send.meanMs, 1), fixed(verify.meanMs, 1)],
    [
      "server CPU (ms)",
      send.cpuMs === null ? "-" : fixed(send.cpuMs, 1),
      verify.cpuMs === null ? "-" : fixed(verify.cpuMs, 1),
    ],
    ["PostgreSQL statements", per(send.postgres.commands, send), per(verify.postgres.commands, verify)],
    ["PostgreSQL round trips", per(send.postgres.roundTrips, send), per(verify.postgres.roundTrips, verify)],
    ["Redis commands", per(send.redis.commands, send), per(verify.redis.commands, verify)],
    ["Redis round trips", per(send.redis.roundTrips, send), per(verify.redis.roundTrips, verify)],
  ];
  const within = (n: number, of: PerRequest, max: number) => `≤${max} ${mark(n / of.requests <= max)}`;
  const targets = [
    [
      "target: statements",
      within(send.postgres.commands, send, TARGETS.statementsPerRequest.send),
      within(verify.postgres.commands, verify, TARGETS.statementsPerRequest.verify),
    ],
    [
      "target: Redis round trips",
      within(send.redis.roundTrips, send, TARGETS.redisRoundTripsPerRequest),
      within(verify.redis.roundTrips, verify, TARGETS.redisRoundTripsPerRequest),
    ],
  ];
  const statements = [
    ...new Set([...send.postgres.byStatement.keys(), ...verify.postgres.byStatement.keys()]),
  ].sort((a, b) => (send.postgres.byStatement.get(b) ?? 0) - (send.postgres.byStatement.get(a) ?? 0));
  for (const statement of statements) {
    rows.push([
      `  ${statement}`,
      per(send.postgres.byStatement.get(statement) ?? 0, send),
      per(verify.postgres.byStatement.get(statement) ?? 0, verify),
    ]);
  }
  for (const command of new Set([...send.redis.byStatement.keys(), ...verify.redis.byStatement.keys()])) {
    rows.push([
      `  Redis ${command}`,
      per(send.redis.byStatement.get(command) ?? 0, send),
      per(verify.redis.byStatement.get(command) ?? 0, verify),
    ]);
  }
  return [
    `Per request (${send.requests} sequential requests each, counted at the wire; floor: send 1 INSERT + 1 limiter call, verify 1 UPDATE)`,
    table(["per request", "send", "verify"], [...rows, ...targets]),
  ].join("\n");
}

export function waitsTable(waits: { send: WaitSummary; verify: WaitSummary }, poolSize: number): string {
  const labels = [...new Set([...waits.send.byWait.keys(), ...waits.verify.byWait.keys()])];
  const average = (summary: WaitSummary, label: string) =>
    (summary.byWait.get(label) ?? 0) / Math.max(summary.samples, 1);
  labels.sort(
    (a, b) =>
      average(waits.send, b) + average(waits.verify, b) - average(waits.send, a) - average(waits.verify, a),
  );
  const rows = labels
    .slice(0, 12)
    .map((label) => [label, fixed(average(waits.send, label), 2), fixed(average(waits.verify, label), 2)]);
  rows.unshift([
    "all busy backends",
    fixed(waits.send.busy / Math.max(waits.send.samples, 1), 2),
    fixed(waits.verify.busy / Math.max(waits.verify.samples, 1), 2),
  ]);
  return [
    `App's PostgreSQL connections during its load runs (average count per sample, of a pool of ${poolSize}; ${waits.send.samples}/${waits.verify.samples} samples)`,
    table(["state (statement)", "send", "verify"], rows),
  ].join("\n");
}
