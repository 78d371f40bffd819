import { auditLogQuerySchema, listAuditLog } from "@/lib/audit/list-audit-log";
import { consoleRoute } from "@/lib/console/context";

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // Quote every cell; a leading = + - @ is defused so spreadsheets do not run it as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

/** The audit log as CSV (up to 1,000 newest entries matching the filters), for the console's reader. */
export const GET = consoleRoute("read", async (ctx, request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const rows: string[] = [["time", "action", "actor_type", "actor", "target_type", "target", "ip", "details"].join(",")];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const query = auditLogQuerySchema.parse({ action: params.action || undefined, actorType: params.actorType || undefined, limit: 100, cursor });
    const result = await listAuditLog(ctx.tenant.id, query);
    for (const e of result.data) {
      rows.push([e.at, e.action, e.actor.type, e.actor.label, e.target.type, e.target.id, e.ip, e.data].map(csvCell).join(","));
    }
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return new Response(rows.join("\n") + "\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${ctx.tenant.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
