import { Table, Td, Th } from "@/components/ui/table";
import type { Counters } from "@/lib/reports/build-report";

export const percent = (v: number) => `${(v * 100).toFixed(v === 0 || v === 1 ? 0 : 1)}%`;
export const duration = (s: number | null) => (s === null ? "—" : s < 90 ? `${Math.round(s)} s` : `${(s / 60).toFixed(1)} min`);

/** The numbers behind a chart, for reading exactly and for screen readers. */
export function CountersTable({ rows, keyLabel, label, testId }: { rows: ({ key: string } & Counters)[]; keyLabel: string; label: string; testId?: string }) {
  return (
    <Table label={label} className="min-w-[36rem]" data-testid={testId}>
      <thead>
        <tr>
          <Th>{keyLabel}</Th>
          <Th className="text-right">Sent</Th>
          <Th className="text-right">Delivered</Th>
          <Th className="text-right">Approved</Th>
          <Th className="text-right">Failed</Th>
          <Th className="text-right">Conversion</Th>
          <Th className="text-right">Median to verify</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <Td className="font-medium whitespace-nowrap text-slate-950 dark:text-white">{r.key}</Td>
            <Td className="text-right tabular-nums" data-col="sent">{r.sent}</Td>
            <Td className="text-right tabular-nums" data-col="delivered">{r.delivered}</Td>
            <Td className="text-right tabular-nums" data-col="approved">{r.approved}</Td>
            <Td className="text-right tabular-nums" data-col="failed">{r.failed}</Td>
            <Td className="text-right tabular-nums">{r.sent ? percent(r.conversionRate) : "—"}</Td>
            <Td className="text-right tabular-nums">{duration(r.medianTimeToVerifySeconds)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
