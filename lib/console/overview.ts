import { db } from "@/lib/db/client";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { buildReport, reportQuerySchema } from "@/lib/reports/build-report";

export type Overview = {
  sent: number;
  conversionRate: number;
  deliveryRate: number | null;
  blocked: number;
  checklist: { key: "create_key" | "send_code" | "embed_widget"; done: boolean }[];
  /** the last 14 UTC days, oldest first (today included), for the sparklines */
  trend: { sent: number[]; conversion: number[] };
};

/** Today's numbers (UTC) from the reports, blocked sends from the event log, and first steps. */
export async function loadOverview(principal: ApiKeyPrincipal): Promise<Overview> {
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const prisma = await db();
  const [report, blocked, keysCreatedInConsole, sentEver, originsSet, fortnight] = await Promise.all([
    buildReport(principal, reportQuerySchema.parse({ from: today.toISOString(), to: now.toISOString() })),
    prisma.event.count({ where: { tenantId: principal.tenantId, type: "rate_limit.hit", createdAt: { gte: today } } }),
    prisma.auditLog.count({ where: { tenantId: principal.tenantId, action: "api_key.created" } }),
    prisma.verification.findFirst({ where: { tenantId: principal.tenantId }, select: { id: true } }),
    prisma.app.count({ where: { tenantId: principal.tenantId, NOT: { allowedOrigins: { isEmpty: true } } } }),
    buildReport(principal, reportQuerySchema.parse({ from: new Date(today.getTime() - 13 * 86_400_000).toISOString(), to: now.toISOString(), interval: "day" })),
  ]);
  const { sent, delivered, conversionRate } = report.totals;
  return {
    sent,
    conversionRate,
    deliveryRate: sent ? delivered / sent : null,
    blocked,
    trend: {
      sent: fortnight.series.map((s) => s.sent),
      conversion: fortnight.series.map((s) => (s.sent ? s.approved / s.sent : 0)),
    },
    checklist: [
      { key: "create_key", done: keysCreatedInConsole > 0 },
      { key: "send_code", done: sentEver !== null },
      { key: "embed_widget", done: originsSet > 0 },
    ],
  };
}
