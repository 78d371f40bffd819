import { Activity, Eye, EyeOff } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryBadge, StatusBadge, Time } from "@/components/console/verifications/status-badge";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, NativeSelect } from "@/components/ui/field";
import { PageHeader, Panel } from "@/components/ui/panel";
import { Table, Td, Th } from "@/components/ui/table";
import { listApps } from "@/lib/apps/get-app";
import { requireConsolePage } from "@/lib/console/context";
import { listBlockedSends, maskPhone } from "@/lib/console/verification-timeline";
import { ApiError } from "@/lib/http/errors";
import { listQuerySchema, listVerifications } from "@/lib/reads/list-verifications";

export const metadata: Metadata = { title: "Verifications" };

const FILTERS = ["appId", "status", "channel", "country", "recipient", "externalId", "from", "to"] as const;
const label = "block text-xs font-medium text-slate-700 dark:text-slate-300";

export default async function VerificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requireConsolePage();
  const params = await searchParams;
  const reveal = params.reveal === "1";
  const given = Object.fromEntries(FILTERS.filter((f) => params[f]).map((f) => [f, params[f]!.trim()]));
  const parsed = listQuerySchema.safeParse({ ...given, cursor: params.cursor || undefined, limit: 25 });
  let problem: string | null = parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  let page: Awaited<ReturnType<typeof listVerifications>> = { data: [], nextCursor: null };
  if (parsed.success) {
    try {
      page = await listVerifications(ctx.principal, parsed.data);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problem = error.detail;
    }
  }
  const [apps, blocked] = await Promise.all([listApps(ctx.tenant.id), listBlockedSends(ctx.principal, 5)]);
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  const filtered = Object.keys(given).length > 0;
  const link = (extra: Record<string, string>) => `?${new URLSearchParams({ ...given, ...(reveal ? { reveal: "1" } : {}), ...extra })}`;
  const toggleReveal = `?${new URLSearchParams({ ...given, ...(reveal ? {} : { reveal: "1" }) })}`;

  return (
    <>
      <PageHeader
        title="Verifications"
        description={`Every ${ctx.principal.mode} verification, newest first. Open one to see each message, delivery attempt and code check.`}
        actions={
          <Link href={toggleReveal} className={buttonClasses("secondary")}>
            {reveal ? <EyeOff aria-hidden="true" className="size-4" /> : <Eye aria-hidden="true" className="size-4" />}
            {reveal ? "Mask numbers" : "Show numbers"}
          </Link>
        }
      />
      <form method="get" aria-label="Filter verifications" className="mb-5 grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-5 dark:border-slate-800 dark:bg-slate-900">
        {reveal && <input type="hidden" name="reveal" value="1" />}
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="f-app" className={label}>App</label>
          <NativeSelect id="f-app" name="appId" defaultValue={given.appId ?? ""} className="mt-1">
            <option value="">All apps</option>
            {apps.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </NativeSelect>
        </div>
        <div>
          <label htmlFor="f-status" className={label}>Status</label>
          <NativeSelect id="f-status" name="status" defaultValue={given.status ?? ""} className="mt-1">
            <option value="">Any status</option>
            {["pending", "approved", "expired", "canceled", "failed"].map((s) => <option key={s} value={s}>{s}</option>)}
          </NativeSelect>
        </div>
        <div>
          <label htmlFor="f-channel" className={label}>Channel</label>
          <NativeSelect id="f-channel" name="channel" defaultValue={given.channel ?? ""} className="mt-1">
            <option value="">Any channel</option>
            <option value="sms">SMS</option>
            <option value="whatsapp">WhatsApp</option>
          </NativeSelect>
        </div>
        <div>
          <label htmlFor="f-country" className={label}>Country</label>
          <Input id="f-country" name="country" defaultValue={given.country ?? ""} placeholder="BR" maxLength={2} className="mt-1 uppercase" />
        </div>
        <div>
          <label htmlFor="f-recipient" className={label}>Recipient</label>
          <Input id="f-recipient" name="recipient" type="tel" defaultValue={given.recipient ?? ""} placeholder="+5511999888777" className="mt-1" />
        </div>
        <div>
          <label htmlFor="f-external" className={label}>External id</label>
          <Input id="f-external" name="externalId" defaultValue={given.externalId ?? ""} placeholder="user_42" className="mt-1" />
        </div>
        <div>
          <label htmlFor="f-from" className={label}>From (UTC)</label>
          <Input id="f-from" name="from" type="date" defaultValue={given.from ?? ""} className="mt-1" />
        </div>
        <div>
          <label htmlFor="f-to" className={label}>Before (UTC)</label>
          <Input id="f-to" name="to" type="date" defaultValue={given.to ?? ""} className="mt-1" />
        </div>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1 lg:col-span-2">
          <button type="submit" className={buttonClasses("primary")}>Filter</button>
          {filtered && <Link href={reveal ? "?reveal=1" : "/console/logs"} className={buttonClasses("ghost")}>Clear</Link>}
        </div>
      </form>
      {problem && (
        <p role="alert" className="mb-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {problem}
        </p>
      )}
      {page.data.length === 0 ? (
        <EmptyState
          icon={<Activity className="size-8" />}
          title={filtered ? "No verification matches these filters" : `No ${ctx.principal.mode} verifications yet`}
          body={
            filtered
              ? "Widen the dates or clear a filter."
              : ctx.principal.mode === "test"
                ? "Send a code with a test key (POST /api/v1/otp/send): it shows up here at once, and its message lands in the test outbox."
                : "Send a code with a live key, or switch to test data with the toggle in the sidebar."
          }
          action={!filtered ? <Link href="/console/api-keys" className={buttonClasses("secondary")}>Get an API key</Link> : undefined}
        />
      ) : (
        <Table label="Verifications">
          <thead>
            <tr>
              <Th>Created (UTC)</Th>
              <Th>Recipient</Th>
              <Th>Status</Th>
              <Th>Delivery</Th>
              <Th>Wrong codes</Th>
              <Th>App</Th>
              <Th>External id</Th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((v) => (
              <tr key={v.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
                <Td><Time at={v.createdAt} /></Td>
                <Td>
                  <Link href={`/console/logs/${v.id}${reveal ? "?reveal=1" : ""}`} className="font-mono text-xs font-medium text-brand-700 hover:underline dark:text-brand-300">
                    {reveal ? v.recipient : maskPhone(v.recipient)}
                  </Link>
                  <span className="sr-only"> — open this verification</span>
                </Td>
                <Td><StatusBadge status={v.status} /></Td>
                <Td>
                  <span className="flex items-center gap-1.5">
                    <DeliveryBadge status={v.delivery.status} />
                    <span className="text-xs text-slate-500 dark:text-slate-400">{v.delivery.channel}</span>
                  </span>
                </Td>
                <Td className="tabular-nums">{v.attempts}/{v.maxAttempts}</Td>
                <Td className="max-w-40 truncate">{appName.get(v.appId) ?? v.appId}</Td>
                <Td className="font-mono text-xs">{v.externalId ?? "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {page.nextCursor && (
        <div className="mt-4 flex justify-end">
          <Link href={link({ cursor: page.nextCursor })} className={buttonClasses("secondary")}>Older verifications</Link>
        </div>
      )}
      <Panel className="mt-8" title="Recently blocked sends" description="Requests the rate limits refused before a verification started, with the limit that refused them.">
        {blocked.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">None. When a limit refuses a send (429), it is listed here.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {blocked.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <Time at={b.at} />
                <Badge tone="amber">{b.reason}</Badge>
                <span className="text-slate-600 dark:text-slate-400">{b.appId ? appName.get(b.appId) ?? b.appId : "no app"}</span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </>
  );
}
