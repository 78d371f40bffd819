/**
 * `npx tsx scripts/bench/ab-check.ts <distDirA> <distDirB> [rounds] [seconds] [connections]`
 *
 * Two production builds of this repository (e.g. `.next-base`, a copy of the build of the commit
 * before a change, and `.next`) compared on CPU per request, each on its own fresh database, both
 * against the same PostgreSQL and Redis, with their load runs interleaved: round after round, a
 * short run of each scenario on one server, then on the other (which goes first alternates). On
 * these machines a run's CPU per request drifts by ±20 % from one minute to the next, which hides a
 * change of 0.2 ms when builds are measured one after the other; interleaving puts both builds into
 * the same minutes. Prints, per scenario, the median over rounds of each build's CPU per request and
 * of the difference B − A within a round, and their median latencies (with 1 connection: the latency
 * of one request at a time). `AB_A_NODE_OPTIONS` / `AB_B_NODE_OPTIONS` start a server with other
 * Node options (compare a V8 flag on one build: give the same dist dir twice).
 */
import { startHotPathServer, type HotPathServer } from "./hot-path-server";
import { runLoad } from "./load";
import { Cleanups, runMeasuredLoad } from "./services";

const [distA, distB, roundsArg, secondsArg, connectionsArg] = process.argv.slice(2);
if (!distA || !distB) {
  console.error("usage: ab-check.ts <distDirA> <distDirB> [rounds] [seconds] [connections]");
  process.exit(2);
}
const rounds = Number(roundsArg ?? 6);
const seconds = Number(secondsArg ?? 3);
const CONNECTIONS = Number(connectionsArg ?? 64);
const SCENARIOS = ["live", "send", "verify"] as const;
type Scenario = (typeof SCENARIOS)[number];

type Measured = HotPathServer & {
  cpuMs: Record<Scenario, number[]>;
  perSecond: Record<Scenario, number[]>;
  p50: Record<Scenario, number[]>;
  non2xx: number;
};

async function start(label: "A" | "B", distDir: string, cleanups: Cleanups): Promise<Measured> {
  const nodeOptions = process.env[`AB_${label}_NODE_OPTIONS`];
  const server = await startHotPathServer({
    name: `ab-${label.toLowerCase()}`,
    cleanups,
    recipientPrefix: label === "A" ? "+551197" : "+551196",
    env: { NEXT_DIST_DIR: distDir, ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) },
  });
  const perScenario = () => ({ live: [], send: [], verify: [] });
  return { ...server, cpuMs: perScenario(), perSecond: perScenario(), p50: perScenario(), non2xx: 0 };
}

async function measure(server: Measured, scenario: Scenario, duration: number): Promise<void> {
  const result = await runMeasuredLoad(server, server.scenarios[scenario], { connections: CONNECTIONS, seconds: duration });
  server.cpuMs[scenario].push(result.cpuMsPerRequest!);
  server.perSecond[scenario].push(result.requestsPerSecond);
  server.p50[scenario].push(result.p50);
  server.non2xx += result.non2xx;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const cleanups = new Cleanups();
try {
  const a = await start("A", distA, cleanups);
  const b = await start("B", distB, cleanups);
  // Warm both (JIT, pools, caches) and give verify its first codes; not counted.
  for (const server of [a, b]) for (const scenario of SCENARIOS) await runLoad(server.baseUrl, server.scenarios[scenario], { connections: CONNECTIONS, seconds: 2 });

  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [a, b] : [b, a];
    // Sends before verifies, so each verify run has the codes of the round's sends.
    for (const scenario of SCENARIOS) for (const server of order) await measure(server, scenario, seconds);
    process.stdout.write(`round ${round + 1}/${rounds} done\n`);
  }

  console.log(`\nA = ${distA}, B = ${distB}: ${rounds} rounds of ${seconds} s per scenario and build, ${CONNECTIONS} connections`);
  console.log("| scenario | A CPU ms/req | B CPU ms/req | B − A (median of rounds) | A req/s | B req/s | A p50 ms | B p50 ms |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const scenario of SCENARIOS) {
    const differences = a.cpuMs[scenario].map((value, i) => b.cpuMs[scenario][i]! - value);
    console.log(
      `| ${scenario} | ${median(a.cpuMs[scenario]).toFixed(2)} | ${median(b.cpuMs[scenario]).toFixed(2)} | ` +
        `${median(differences) >= 0 ? "+" : ""}${median(differences).toFixed(2)} | ` +
        `${median(a.perSecond[scenario]).toFixed(0)} | ${median(b.perSecond[scenario]).toFixed(0)} | ` +
        `${median(a.p50[scenario]).toFixed(1)} | ${median(b.p50[scenario]).toFixed(1)} |`,
    );
  }
  console.log(`non-2xx answers: A ${a.non2xx}, B ${b.non2xx}`);
} finally {
  await cleanups.runAll();
}
process.exit(0);
