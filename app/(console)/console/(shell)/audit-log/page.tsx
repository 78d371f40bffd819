import { ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { NativeSelect } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/panel";
import { Table, Td, Th } from "@/components/ui/table";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { auditLogQuerySchema, listAuditLog } from "@/lib/audit/list-audit-log";
import { requireConsolePage } from "@/lib/console/context";

export const metadata: Metadata = { title: "Audit log" };

function describe(data: unknown): string {
  if (!data || typeof data !== "object") return "";
  return Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") || "—" : String(v ?? "—")}`)
    .join(" · ");
}

const ACTOR_KIND = { user: "Console", key: "API key", operator: "CLI" } as const;

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requireConsolePage();
  const params = await searchParams;
  const parsed = auditLogQuerySchema.safeParse({
    action: params.action || undefined,
    actorType: params.actorType || undefined,
    cursor: params.cursor || undefined,
    limit: 50,
  });
  const query = parsed.success ? parsed.data : auditLogQuerySchema.parse({ limit: 50 });
  const page = await listAuditLog(ctx.tenant.id, query);
  const next = page.nextCursor
    ? `?${new URLSearchParams({ ...(query.action ? { action: query.action } : {}), ...(query.actorType ? { actorType: query.actorType } : {}), cursor: page.nextCursor })}`
    : null;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to apps, keys, templates, webhooks and members — from the console, the API or the CLI. Also at GET /api/v1/audit-log."
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
        <div>
          <label htmlFor="filter-action" className="block text-xs font-medium text-slate-700 dark:text-slate-300">Action</label>
          <NativeSelect id="filter-action" name="action" defaultValue={query.action ?? ""} className="mt-1 w-56">
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
          </NativeSelect>
        </div>
        <div>
          <label htmlFor="filter-actor" className="block text-xs font-medium text-slate-700 dark:text-slate-300">Made with</label>
          <NativeSelect id="filter-actor" name="actorType" defaultValue={query.actorType ?? ""} className="mt-1 w-56">
            <option value="">Console, API and CLI</option>
            <option value="user">Console</option>
            <option value="key">API key</option>
            <option value="operator">CLI</option>
          </NativeSelect>
        </div>
        <button type="submit" className={buttonClasses("secondary")}>Filter</button>
        {(query.action || query.actorType) && <Link href="/console/audit-log" className={buttonClasses("ghost")}>Clear</Link>}
        <a
          href={`/console/audit-log/export?${new URLSearchParams({ ...(query.action ? { action: query.action } : {}), ...(query.actorType ? { actorType: query.actorType } : {}) })}`}
          className={buttonClasses("ghost", "md", "sm:ml-auto")}
          download
        >
          Export CSV
        </a>
      </form>
      {page.data.length === 0 ? (
        <EmptyState icon={<ScrollText className="size-8" />} title="Nothing logged yet" body="Changes appear here as soon as someone creates an app or a key, edits a setting or invites a teammate." />
      ) : (
        <Table label="Audit log entries">
          <thead>
            <tr>
              <Th>Time (UTC)</Th>
              <Th>Action</Th>
              <Th>Actor</Th>
              <Th>Target</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((entry) => (
              <tr key={entry.id}>
                <Td className="whitespace-nowrap tabular-nums">{entry.at.slice(0, 19).replace("T", " ")}</Td>
                <Td><Badge tone="brand">{entry.action}</Badge></Td>
                <Td>
                  <span className="block max-w-56 truncate">{entry.actor.label}</span>
                  <span className="text-xs text-slate-500 dark:text-slate-400">
                    {ACTOR_KIND[entry.actor.type as keyof typeof ACTOR_KIND] ?? "Console"}
                    {entry.ip ? ` · ${entry.ip}` : ""}
                  </span>
                </Td>
                <Td className="font-mono text-xs">{entry.target.id ?? "—"}</Td>
                <Td className="max-w-72 text-xs break-words">{describe(entry.data)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {next && (
        <div className="mt-4 flex justify-end">
          <Link href={next} className={buttonClasses("secondary")}>Older entries</Link>
        </div>
      )}
    </>
  );
}
