import { CheckCircle2, Circle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Sparkline } from "@/components/console/reports/sparkline";
import { Panel, PageHeader } from "@/components/ui/panel";
import { requireConsolePage } from "@/lib/console/context";
import { loadOverview } from "@/lib/console/overview";

export const metadata: Metadata = { title: "Overview" };

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(value === 1 || value === 0 ? 0 : 1)}%`);

const steps = {
  create_key: { title: "Create an API key", body: "A test key sends to the outbox, so you can try everything safely.", href: "/console/api-keys" },
  send_code: { title: "Send a test code", body: "curl /api/v1/otp/send with your test key, then read the code from the outbox.", href: "/docs" },
  embed_widget: { title: "Embed the widget", body: "Allow your site's origin in an app's settings and paste the snippet.", href: "/console/apps" },
} as const;

export default async function OverviewPage() {
  const ctx = await requireConsolePage();
  const overview = await loadOverview(ctx.principal);
  const stats = [
    { label: "Codes sent today", value: overview.sent.toLocaleString("en-US"), trend: overview.trend.sent },
    { label: "Conversion", value: percent(overview.sent ? overview.conversionRate : null), hint: "approved ÷ sent", trend: overview.trend.conversion },
    { label: "Delivery rate", value: percent(overview.deliveryRate), hint: "delivered ÷ sent" },
    { label: "Blocked sends", value: overview.blocked.toLocaleString("en-US"), hint: "by rate limits" },
  ];
  const remaining = overview.checklist.filter((s) => !s.done).length;
  return (
    <>
      <PageHeader title={`Welcome${ctx.user.name ? `, ${ctx.user.name.split(" ")[0]}` : ""}`} description={`${ctx.tenant.name} · today so far (UTC), all apps`} />
      <h2 className="sr-only">Today</h2>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900">
            <dt className="text-sm text-slate-600 dark:text-slate-400">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tracking-tight text-slate-950 tabular-nums dark:text-white">{s.value}</dd>
            {s.hint && <dd className="text-xs text-slate-500 dark:text-slate-400">{s.hint}</dd>}
            {"trend" in s && s.trend && (
              <dd className="mt-2">
                <Sparkline values={s.trend} />
                <span className="sr-only">Trend over the last 14 days, in Reports.</span>
              </dd>
            )}
          </div>
        ))}
      </dl>
      <Panel
        className="mt-8"
        title="First steps"
        description={remaining ? `${remaining} of 3 left to go live.` : "All done — you are ready for production."}
      >
        <ol className="divide-y divide-slate-100 dark:divide-slate-800">
          {overview.checklist.map((item) => {
            const step = steps[item.key];
            return (
              <li key={item.key} className="flex items-start gap-3 py-3 first:pt-0 last:pb-0">
                {item.done ? (
                  <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
                ) : (
                  <Circle aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-slate-400" />
                )}
                <div className="min-w-0">
                  <Link href={step.href} className="font-medium text-slate-950 hover:text-brand-700 hover:underline dark:text-white dark:hover:text-brand-300">
                    {step.title}
                    <span className="sr-only">{item.done ? " (done)" : " (to do)"}</span>
                  </Link>
                  <p className="text-sm text-slate-600 dark:text-slate-400">{step.body}</p>
                </div>
              </li>
            );
          })}
        </ol>
      </Panel>
    </>
  );
}
