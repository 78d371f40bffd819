import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryBadge, StatusBadge, Time } from "@/components/console/verifications/status-badge";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader, Panel } from "@/components/ui/panel";
import { requireConsolePage } from "@/lib/console/context";
import { loadVerificationTimeline, maskPhone } from "@/lib/console/verification-timeline";
import { ApiError } from "@/lib/http/errors";

export const metadata: Metadata = { title: "Verification" };

const KIND_LABEL = { event: "Event", delivery: "Delivery", verify: "Code check", blocked: "Blocked" } as const;
const DOT = { neutral: "bg-slate-400", brand: "bg-brand-500", green: "bg-emerald-500", amber: "bg-amber-500", red: "bg-red-500" } as const;

export default async function VerificationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ reveal?: string }> }) {
  const [{ id }, { reveal }] = await Promise.all([params, searchParams]);
  const ctx = await requireConsolePage();
  const timeline = await loadVerificationTimeline(ctx.principal, id).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "not_found") notFound();
    throw error;
  });
  const v = timeline.verification;
  const facts: [string, React.ReactNode][] = [
    ["Status", <StatusBadge key="s" status={v.status} />],
    ["Delivery", <span key="d" className="flex items-center gap-1.5"><DeliveryBadge status={v.delivery.status} /> {v.delivery.channel} via {v.delivery.provider}</span>],
    ["Recipient", <span key="r" className="font-mono">{reveal === "1" ? v.recipient : maskPhone(v.recipient)} · {v.country}</span>],
    ["Wrong codes", `${v.attempts} of ${v.maxAttempts} allowed`],
    ["Sends", String(v.sendCount)],
    ["Created", <Time key="c" at={v.createdAt} />],
    ["Expires", <Time key="e" at={v.expiresAt} />],
    ["Verified", v.verifiedAt ? <Time key="v" at={v.verifiedAt} /> : "—"],
    ["External id", v.externalId ?? "—"],
    ["Locale", v.locale ?? "app default"],
    ["New recipient", v.isNewRecipient ? "yes" : "no"],
    ["App", <Link key="a" href={`/console/apps/${v.appId}`} className="font-mono text-xs text-brand-700 hover:underline dark:text-brand-300">{v.appId}</Link>],
  ];
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/console/logs" className="text-slate-600 underline decoration-slate-300 underline-offset-4 hover:text-slate-950 dark:text-slate-400 dark:decoration-slate-600 dark:hover:text-white">Verifications</Link>
        <span aria-hidden="true" className="px-1.5 text-slate-400">/</span>
        <span aria-current="page" className="font-mono text-xs text-slate-900 dark:text-slate-100">{v.id}</span>
      </nav>
      <PageHeader
        title="Verification"
        description={<span className="flex flex-wrap items-center gap-2"><code className="font-mono text-xs break-all">{v.id}</code><CopyButton value={v.id} label="Copy id" /></span>}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
        <Panel title="Summary" className="lg:self-start">
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2.5 text-sm">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
                <dd className="min-w-0 break-words text-slate-900 dark:text-slate-100">{value}</dd>
              </div>
            ))}
          </dl>
        </Panel>
        <Panel title="Timeline" description="Oldest first: events, delivery attempts with the provider's answer, code checks with their reason, blocked sends.">
          {timeline.entries.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">Nothing recorded yet for this verification.</p>
          ) : (
            <ol className="relative space-y-5 border-l border-slate-200 pl-5 dark:border-slate-800">
              {timeline.entries.map((entry, index) => (
                <li key={index} className="relative">
                  <span aria-hidden="true" className={`absolute top-1.5 -left-[1.65rem] size-2.5 rounded-full ring-4 ring-white dark:ring-slate-900 ${DOT[entry.tone]}`} />
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-950 dark:text-white">{entry.title}</span>
                    <Badge tone={entry.tone}>{KIND_LABEL[entry.kind]}</Badge>
                  </div>
                  <p className="text-xs text-slate-500 dark:text-slate-400"><Time at={entry.at} /> UTC</p>
                  {entry.details.length > 0 && (
                    <dl className="mt-1.5 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
                      {entry.details.map((d) => (
                        <div key={d.label} className="contents">
                          <dt className="text-slate-500 dark:text-slate-400">{d.label}</dt>
                          <dd className="font-mono break-words text-slate-800 dark:text-slate-200">{d.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </li>
              ))}
            </ol>
          )}
        </Panel>
      </div>
    </>
  );
}
