"use client";

import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Report } from "@/lib/reports/build-report";

// Colours that read on white and on slate-900 alike.
const COLORS = { sent: "#7c6cf0", delivered: "#0ea5e9", approved: "#10b981", failed: "#ef4444" } as const;
const SERIES = ["sent", "delivered", "approved", "failed"] as const;

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
const tick = { fill: "currentColor", fontSize: 12 };
const tooltipStyle = { backgroundColor: "var(--tooltip-bg, #fff)", borderRadius: 8, border: "1px solid #cbd5e1", fontSize: 12, color: "#0f172a" };

function label(start: string, interval: Report["interval"]) {
  return interval === "hour" ? `${start.slice(5, 10)} ${start.slice(11, 16)}` : start.slice(5, 10);
}

/** Sends, deliveries, approvals and failures per bucket; and conversion per bucket. */
export function FunnelCharts({ report }: { report: Report }) {
  const data = report.series.map((s) => ({ ...s, label: label(s.start, report.interval) }));
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <figure className="min-w-0">
        <figcaption className="mb-2 text-sm font-medium text-slate-900 dark:text-slate-100">Verifications per {report.interval}</figcaption>
        <div className="h-72 text-slate-500 dark:text-slate-400" role="img" aria-label={`Chart of sent, delivered, approved and failed verifications per ${report.interval}; the same numbers are in the table below.`}>
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} />
              <XAxis dataKey="label" tick={tick} stroke="currentColor" minTickGap={24} />
              <YAxis allowDecimals={false} tick={tick} stroke="currentColor" />
              <Tooltip contentStyle={tooltipStyle} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {SERIES.map((key) => (
                <Area key={key} type="monotone" dataKey={key} stroke={COLORS[key]} fill={COLORS[key]} fillOpacity={key === "sent" ? 0.15 : 0.05} strokeWidth={2} isAnimationActive={false} />
              ))}
            </AreaChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="min-w-0">
        <figcaption className="mb-2 text-sm font-medium text-slate-900 dark:text-slate-100">Conversion (approved ÷ sent)</figcaption>
        <div className="h-72 text-slate-500 dark:text-slate-400" role="img" aria-label={`Chart of the conversion rate per ${report.interval}.`}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data.map((d) => ({ ...d, conversion: d.sent ? d.approved / d.sent : null }))} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} />
              <XAxis dataKey="label" tick={tick} stroke="currentColor" minTickGap={24} />
              <YAxis domain={[0, 1]} tickFormatter={pct} tick={tick} stroke="currentColor" />
              <Tooltip contentStyle={tooltipStyle} formatter={(v) => (typeof v === "number" ? pct(v) : "—")} />
              <Line type="monotone" dataKey="conversion" stroke={COLORS.approved} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}

/** Sent against approved for each group (channel or country), with the conversion in the tooltip. */
export function GroupChart({ report, title }: { report: Report; title: string }) {
  const data = [...report.groups].sort((a, b) => b.sent - a.sent).slice(0, 12);
  return (
    <figure className="min-w-0">
      <figcaption className="mb-2 text-sm font-medium text-slate-900 dark:text-slate-100">{title}</figcaption>
      <div className="text-slate-500 dark:text-slate-400" style={{ height: Math.max(120, data.length * 44 + 40) }} role="img" aria-label={`${title}: sent and approved per group; the same numbers are in the table beside.`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={tick} stroke="currentColor" />
            <YAxis type="category" dataKey="key" width={72} tick={tick} stroke="currentColor" />
            <Tooltip contentStyle={tooltipStyle} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="sent" fill={COLORS.sent} radius={[0, 4, 4, 0]} isAnimationActive={false} />
            <Bar dataKey="approved" fill={COLORS.approved} radius={[0, 4, 4, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
