import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { readableAppIds } from "@/lib/reads/app-scope";
import { timeSchema } from "@/lib/reads/query-fields";
import { bucketSeconds } from "./verify-time-buckets";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_REPORT_DAYS = 30;
export const MAX_REPORT_DAYS = 400;
/** Hourly series are for short ranges: 31 days is 744 points. */
export const MAX_HOURLY_REPORT_DAYS = 31;

/** `GET /api/v1/otp/reports` query. */
export const reportQuerySchema = z
  .object({
    appId: z.string().max(64).optional(),
    from: timeSchema
      .optional()
      .describe(
        `start (ISO 8601), rounded down to the hour; default: ${DEFAULT_REPORT_DAYS} days before \`to\`. ` +
          `\`from\` to \`to\` spans at most ${MAX_REPORT_DAYS} days (${MAX_HOURLY_REPORT_DAYS} with interval=hour) and \`from\` is not after \`to\``,
      ),
    to: timeSchema.optional().describe("end (ISO 8601), exclusive; default: now"),
    interval: z.enum(["hour", "day"]).default("day").describe("series bucket size, UTC"),
    groupBy: z.enum(["channel", "country"]).optional(),
  })
  .transform((q, ctx) => {
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS);
    const days = (to.getTime() - from.getTime()) / DAY_MS;
    if (from > to) ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after `to`" });
    else if (days > MAX_REPORT_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: `a report covers at most ${MAX_REPORT_DAYS} days`,
      });
    else if (q.interval === "hour" && days > MAX_HOURLY_REPORT_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["interval"],
        message: `hourly series cover at most ${MAX_HOURLY_REPORT_DAYS} days; use interval=day`,
      });
    }
    return { ...q, from, to };
  });

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export type Counters = {
  sent: number;
  delivered: number;
  approved: number;
  failed: number;
  /** approved / sent, 0..1; 0 when nothing was sent */
  conversionRate: number;
  /** null when nothing was approved */
  medianTimeToVerifySeconds: number | null;
};

export type Report = {
  from: string;
  to: string;
  interval: "hour" | "day";
  totals: Counters;
  series: Array<{ start: string } & Counters>;
  groups: Array<{ key: string } & Counters>;
};

type CounterRow = {
  gb: number;
  gk: number;
  b: Date | null;
  k: string | null;
  sent: number;
  delivered: number;
  approved: number;
  failed: number;
};
type MedianRow = { gb: number; gk: number; b: Date | null; k: string | null; lo: number; hi: number };

/**
 * Verification funnel of the key's tenant and mode (CONTRACT §4 "Reading"), summed by the database from the
 * hourly rollups (lib/reports/rollup.ts): a verification counts in the hour it was created, with its
 * outcome whenever that came. The range is [from rounded down to the hour, to). The series has
 * every bucket of the range, empty ones included; groups only the keys that had activity.
 * Medians come from per-day histograms (lib/reports/verify-time-buckets.ts): they cover the whole
 * UTC days the range touches, and hourly series buckets have none (null).
 */
export async function buildReport(principal: ApiKeyPrincipal, query: ReportQuery): Promise<Report> {
  const appIds = await readableAppIds(principal, query.appId);
  const from = new Date(Math.floor(query.from.getTime() / HOUR_MS) * HOUR_MS);
  // The key's own mode only, as every read (CONTRACT §4b): a test key's report never counts live traffic.
  const inScope = Prisma.sql`"tenantId" = ${principal.tenantId} AND "mode" = ${principal.mode}::"KeyMode"
    ${appIds ? Prisma.sql`AND "appId" IN (${Prisma.join(appIds)})` : Prisma.empty}`;
  const key = query.groupBy ? Prisma.raw(`"${query.groupBy}"`) : Prisma.sql`NULL::text`;
  const interval = Prisma.raw(`'${query.interval}'`);
  // Histograms are per day: hourly series buckets get no median of their own.
  const medianBucket = query.interval === "day" ? Prisma.sql`"day"` : Prisma.sql`NULL::timestamp`;

  const prisma = await db();
  const [counters, medians] = await Promise.all([
    prisma.$queryRaw<CounterRow[]>`
      SELECT GROUPING(b)::int AS gb, GROUPING(k)::int AS gk, b, k,
             sum("sent")::float8 AS sent, sum("delivered")::float8 AS delivered,
             sum("approved")::float8 AS approved, sum("failed")::float8 AS failed
        FROM (SELECT date_trunc(${interval}, "hour") AS b, ${key} AS k, "sent", "delivered", "approved", "failed"
                FROM "ReportRollup"
               WHERE ${inScope} AND "hour" >= ${from} AND "hour" < ${query.to}) r
       GROUP BY GROUPING SETS ((), (b), (k))`,
    // The median from the summed histograms: the buckets holding the two middle approvals.
    prisma.$queryRaw<MedianRow[]>`
      WITH h AS (
        SELECT GROUPING(b)::int AS gb, GROUPING(k)::int AS gk, b, k, t.i, sum(t.n)::float8 AS n
          FROM (SELECT ${medianBucket} AS b, ${key} AS k, "histogram"
                  FROM "ReportVerifyTime"
                 WHERE ${inScope} AND "day" >= date_trunc('day', ${from}::timestamp) AND "day" < ${query.to}) r
         CROSS JOIN LATERAL unnest(r."histogram") WITH ORDINALITY AS t(n, i)
         WHERE t.n > 0
         GROUP BY GROUPING SETS ((i), (b, i), (k, i))
      ), c AS (
        SELECT gb, gk, b, k, i,
               sum(n) OVER (PARTITION BY gb, gk, b, k ORDER BY i) AS cum,
               sum(n) OVER (PARTITION BY gb, gk, b, k) AS total
          FROM h
      )
      SELECT gb, gk, b, k,
             min(i) FILTER (WHERE cum >= ceil(total / 2))::int AS lo,
             min(i) FILTER (WHERE cum >= floor(total / 2) + 1)::int AS hi
        FROM c GROUP BY gb, gk, b, k`,
  ]);

  const median = new Map(medians.map((m) => [rowKey(m), (bucketSeconds(m.lo) + bucketSeconds(m.hi)) / 2]));
  const countersOf = (row: CounterRow | undefined): Counters => {
    const sent = row?.sent ?? 0;
    const approved = row?.approved ?? 0;
    return {
      sent,
      delivered: row?.delivered ?? 0,
      approved,
      failed: row?.failed ?? 0,
      conversionRate: sent === 0 ? 0 : approved / sent,
      medianTimeToVerifySeconds: row ? (median.get(rowKey(row)) ?? null) : null,
    };
  };

  const bySeries = new Map(counters.filter((r) => r.gb === 0).map((r) => [r.b!.getTime(), r]));
  const series = bucketStarts(from, query.to, query.interval).map((start) => ({
    start: start.toISOString(),
    ...countersOf(bySeries.get(start.getTime())),
  }));
  const groups = query.groupBy
    ? counters
        .filter((r) => r.gk === 0 && r.k !== null)
        .map((r) => ({ key: r.k!, ...countersOf(r) }))
        .sort((a, b) => b.sent - a.sent || a.key.localeCompare(b.key))
    : [];

  return {
    from: from.toISOString(),
    to: query.to.toISOString(),
    interval: query.interval,
    totals: countersOf(counters.find((r) => r.gb === 1 && r.gk === 1)),
    series,
    groups,
  };
}

function rowKey(row: { gb: number; gk: number; b: Date | null; k: string | null }): string {
  return `${row.gb}|${row.gk}|${row.b?.getTime() ?? ""}|${row.k ?? ""}`;
}

/** UTC bucket starts covering [from, to). */
function bucketStarts(from: Date, to: Date, interval: "hour" | "day"): Date[] {
  const step = interval === "hour" ? HOUR_MS : DAY_MS;
  const starts: Date[] = [];
  for (let t = Math.floor(from.getTime() / step) * step; t < to.getTime(); t += step)
    starts.push(new Date(t));
  return starts;
}
