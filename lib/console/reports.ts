import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { buildReport, reportQuerySchema, type Report } from "@/lib/reports/build-report";

const DAY_MS = 86_400_000;

export type ReportRange = {
  /** first day, YYYY-MM-DD (UTC) */
  from: string;
  /** last day, inclusive, YYYY-MM-DD (UTC) */
  through: string;
  appId?: string;
};

export type ConsoleReports = {
  range: ReportRange;
  /** what was passed to the reports, as GET /api/v1/otp/reports would take it */
  query: { from: string; to: string; interval: "hour" | "day"; appId?: string };
  overall: Report;
  byChannel: Report;
  byCountry: Report;
};

const isDay = (s: string | undefined): s is string => typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The console's date range: whole UTC days, last 30 by default, at most 400 (the reports' limit).
 * A range of up to two days is shown by the hour, longer ones by the day.
 */
export function reportRange(input: { from?: string; through?: string; appId?: string }, now = new Date()): ReportRange {
  const through = isDay(input.through) ? input.through : day(now);
  let from = isDay(input.from) ? input.from : day(new Date(Date.parse(through) - 29 * DAY_MS));
  if (from > through) from = through;
  if (Date.parse(through) - Date.parse(from) > 399 * DAY_MS) from = day(new Date(Date.parse(through) - 399 * DAY_MS));
  return { from, through, ...(input.appId ? { appId: input.appId } : {}) };
}

/** The same three reports GET /api/v1/otp/reports answers: overall, by channel, by country. */
export async function loadConsoleReports(principal: ApiKeyPrincipal, range: ReportRange): Promise<ConsoleReports> {
  const to = new Date(Date.parse(range.through) + DAY_MS).toISOString();
  const from = new Date(Date.parse(range.from)).toISOString();
  const interval = Date.parse(to) - Date.parse(from) <= 2 * DAY_MS ? "hour" : "day";
  const query = { from, to, interval, ...(range.appId ? { appId: range.appId } : {}) } as const;
  const [overall, byChannel, byCountry] = await Promise.all([
    buildReport(principal, reportQuerySchema.parse(query)),
    buildReport(principal, reportQuerySchema.parse({ ...query, groupBy: "channel" })),
    buildReport(principal, reportQuerySchema.parse({ ...query, groupBy: "country" })),
  ]);
  return { range, query, overall, byChannel, byCountry };
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  // Quote anything with a separator, and defuse spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One CSV with the series and both groupings, a `section` column telling them apart. */
export function reportsCsv(reports: ConsoleReports): string {
  const header = ["section", "key", "sent", "delivered", "approved", "failed", "conversionRate", "medianTimeToVerifySeconds"];
  const row = (section: string, key: string, c: Report["totals"]) =>
    [section, key, c.sent, c.delivered, c.approved, c.failed, c.conversionRate, c.medianTimeToVerifySeconds].map(csvCell).join(",");
  return [
    header.join(","),
    row("total", `${reports.range.from}..${reports.range.through}`, reports.overall.totals),
    ...reports.overall.series.map((s) => row(reports.overall.interval, s.start, s)),
    ...reports.byChannel.groups.map((g) => row("channel", g.key, g)),
    ...reports.byCountry.groups.map((g) => row("country", g.key, g)),
  ].join("\n") + "\n";
}
