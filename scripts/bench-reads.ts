/**
 * `npx tsx scripts/bench-reads.ts --tenant ten_… [--runs 20]`: latency of the read use cases (list,
 * logs, reports) against the configured database, e.g. after `npm run seed`. Calls lib/ directly,
 * so the numbers are the database work plus mapping, without HTTP.
 */
import { parseArgs } from "node:util";
import { closeDb, db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { listEvents, logsQuerySchema } from "@/lib/reads/list-events";
import { listQuerySchema, listVerifications } from "@/lib/reads/list-verifications";
import { buildReport, reportQuerySchema } from "@/lib/reports/build-report";

const { values } = parseArgs({
  options: { tenant: { type: "string" }, runs: { type: "string", default: "20" } },
});
if (!values.tenant) throw new Error("give --tenant ten_…");
const principal: ApiKeyPrincipal = { keyId: "bench", tenantId: values.tenant, mode: "test", appIds: [] };
const runs = Number(values.runs);

async function time(name: string, run: () => Promise<unknown>) {
  await run(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
  console.log(`${name.padEnd(48)} median ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms`);
}

try {
  const prisma = await db();
  const count = await prisma.verification.count({ where: { tenantId: principal.tenantId } });
  console.log(`tenant ${principal.tenantId}: ${count} verifications`);
  const list = (q: Record<string, string>) => listVerifications(principal, listQuerySchema.parse(q));
  const logs = (q: Record<string, string>) => listEvents(principal, logsQuerySchema.parse(q));
  const report = (q: Record<string, string>) => buildReport(principal, reportQuerySchema.parse(q));

  const page = await list({ limit: "100" });
  let deep = page.nextCursor!;
  for (let i = 0; i < 50; i++) deep = (await list({ limit: "100", cursor: deep })).nextCursor!;
  const someone = page.data.find((v) => v.recipient.startsWith("+55"))!.recipient;

  await time("list, first page (20)", () => list({}));
  await time("list, page 51 of 100 by cursor", () => list({ limit: "100", cursor: deep }));
  await time("list status=failed&channel=whatsapp", () => list({ status: "failed", channel: "whatsapp" }));
  await time("list recipient=…", () => list({ recipient: someone }));
  await time("list externalId=user-42", () => list({ externalId: "user-42" }));
  await time("logs, first page (20)", () => logs({}));
  await time("logs type=verification.failed", () => logs({ type: "verification.failed" }));
  await time("report 30 days by day", () => report({}));
  await time("report 30 days by day, groupBy=country", () => report({ groupBy: "country" }));
  await time("report 30 days by hour, groupBy=channel", () =>
    report({ interval: "hour", groupBy: "channel" }),
  );
  await time("report 400 days by day", () =>
    report({ from: new Date(Date.now() - 399 * 86_400_000).toISOString() }),
  );
} finally {
  await closeDb();
}
