import { BarChart3, Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { FunnelCharts, GroupChart } from "@/components/console/reports/report-charts";
import { CountersTable, duration, percent } from "@/components/console/reports/group-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, NativeSelect } from "@/components/ui/field";
import { PageHeader, Panel } from "@/components/ui/panel";
import { listApps } from "@/lib/apps/get-app";
import { requireConsolePage } from "@/lib/console/context";
import { loadConsoleReports, reportRange } from "@/lib/console/reports";

export const metadata: Metadata = { title: "Reports" };

const DAY_MS = 86_400_000;
const label = "block text-xs font-medium text-slate-700 dark:text-slate-300";

export default async function ReportsPage({ searchParams }: { searchParams: Promise<{ from?: string; through?: string; appId?: string }> }) {
  const ctx = await requireConsolePage();
  const params = await searchParams;
  const apps = await listApps(ctx.tenant.id);
  const appId = apps.some((a) => a.id === params.appId) ? params.appId : undefined;
  const range = reportRange({ from: params.from, through: params.through, appId });
  const reports = await loadConsoleReports(ctx.principal, range);
  const { totals } = reports.overall;
  const today = new Date().toISOString().slice(0, 10);
  const preset = (days: number) => {
    const from = new Date(Date.parse(today) - (days - 1) * DAY_MS).toISOString().slice(0, 10);
    return { href: `?${new URLSearchParams({ from, through: today, ...(appId ? { appId } : {}) })}`, current: range.from === from && range.through === today };
  };
  const csv = `/console/reports/export?${new URLSearchParams({ from: range.from, through: range.through, ...(appId ? { appId } : {}) })}`;
  const kpis = [
    { id: "sent", label: "Sent", value: totals.sent.toLocaleString("en-US") },
    { id: "delivered", label: "Delivered", value: totals.delivered.toLocaleString("en-US"), hint: totals.sent ? `${percent(totals.delivered / totals.sent)} of sent` : undefined },
    { id: "approved", label: "Approved", value: totals.approved.toLocaleString("en-US") },
    { id: "failed", label: "Failed", value: totals.failed.toLocaleString("en-US") },
    { id: "conversion", label: "Conversion", value: totals.sent ? percent(totals.conversionRate) : "—", hint: "approved ÷ sent" },
    { id: "median", label: "Median time to verify", value: duration(totals.medianTimeToVerifySeconds) },
  ];
  return (
    <>
      <PageHeader
        title="Reports"
        description={`How codes convert, by ${reports.overall.interval}, channel and country (UTC). The same numbers as GET /api/v1/otp/reports.`}
        actions={
          <a href={csv} className={buttonClasses("secondary")} download>
            <Download aria-hidden="true" className="size-4" /> Export CSV
          </a>
        }
      />
      <form method="get" aria-label="Report range" className="mb-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <div className="flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800/60" role="group" aria-label="Quick ranges">
          {[["Today", 1], ["7 days", 7], ["30 days", 30], ["90 days", 90]].map(([name, days]) => {
            const p = preset(days as number);
            return (
              <Link key={name} href={p.href} aria-current={p.current ? "true" : undefined} className={`rounded-md px-2.5 py-1 text-sm font-medium ${p.current ? "bg-white text-slate-950 shadow-xs dark:bg-slate-900 dark:text-white" : "text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white"}`}>
                {name}
              </Link>
            );
          })}
        </div>
        <div>
          <label htmlFor="r-from" className={label}>From</label>
          <Input id="r-from" name="from" type="date" defaultValue={range.from} className="mt-1 w-40" />
        </div>
        <div>
          <label htmlFor="r-through" className={label}>Through</label>
          <Input id="r-through" name="through" type="date" defaultValue={range.through} className="mt-1 w-40" />
        </div>
        {apps.length > 1 && (
          <div>
            <label htmlFor="r-app" className={label}>App</label>
            <NativeSelect id="r-app" name="appId" defaultValue={appId ?? ""} className="mt-1 w-48">
              <option value="">All apps</option>
              {apps.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </NativeSelect>
          </div>
        )}
        <button type="submit" className={buttonClasses("primary")}>Apply</button>
      </form>
      <h2 className="sr-only">Totals</h2>
      <dl className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        {kpis.map((k) => (
          <div key={k.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900">
            <dt className="text-sm text-slate-600 dark:text-slate-400">{k.label}</dt>
            <dd data-testid={`report-total-${k.id}`} className="mt-1 text-2xl font-semibold tracking-tight text-slate-950 tabular-nums dark:text-white">{k.value}</dd>
            {k.hint && <dd className="text-xs text-slate-500 dark:text-slate-400">{k.hint}</dd>}
          </div>
        ))}
      </dl>
      {totals.sent === 0 ? (
        <EmptyState
          icon={<BarChart3 className="size-8" />}
          title="No verifications in this range"
          body="Pick a wider range, or send a few codes with a test key: charts fill in as verifications start and end."
          action={<Link href="/console/api-keys" className={buttonClasses("secondary")}>Get a test key</Link>}
        />
      ) : (
        <div className="space-y-6">
          <Panel title="Over time">
            <FunnelCharts report={reports.overall} />
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-300">Show the numbers</summary>
              <div className="mt-3">
                <CountersTable rows={reports.overall.series.map((s) => ({ ...s, key: s.start.slice(0, reports.overall.interval === "hour" ? 16 : 10).replace("T", " ") }))} keyLabel={reports.overall.interval === "hour" ? "Hour" : "Day"} label="Verifications over time" testId="report-series" />
              </div>
            </details>
          </Panel>
          <div className="grid grid-cols-1 gap-6">
            <Panel title="By channel">
              <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] xl:items-start">
              <GroupChart report={reports.byChannel} title="Sent and approved by channel" />
              <div><CountersTable rows={reports.byChannel.groups} keyLabel="Channel" label="By channel" testId="report-channels" /></div>
              </div>
            </Panel>
            <Panel title="By country">
              <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] xl:items-start">
              <GroupChart report={reports.byCountry} title="Sent and approved by country" />
              <div><CountersTable rows={reports.byCountry.groups} keyLabel="Country" label="By country" testId="report-countries" /></div>
              </div>
            </Panel>
          </div>
        </div>
      )}
    </>
  );
}
