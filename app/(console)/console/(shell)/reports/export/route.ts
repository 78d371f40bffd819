import { consoleRoute } from "@/lib/console/context";
import { loadConsoleReports, reportRange, reportsCsv } from "@/lib/console/reports";

/** The reports page's numbers as CSV (same range and app as the page). */
export const GET = consoleRoute("read", async (ctx, request) => {
  const params = new URL(request.url).searchParams;
  const range = reportRange({ from: params.get("from") ?? undefined, through: params.get("through") ?? undefined, appId: params.get("appId") || undefined });
  const csv = reportsCsv(await loadConsoleReports(ctx.principal, range));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="otpilot-report-${range.from}-${range.through}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
