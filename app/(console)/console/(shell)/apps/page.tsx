import { AppWindow, ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { CreateAppButton } from "@/components/console/app-forms";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/panel";
import { listApps } from "@/lib/apps/get-app";
import { requireConsolePage } from "@/lib/console/context";

export const metadata: Metadata = { title: "Apps" };

export default async function AppsPage() {
  const ctx = await requireConsolePage();
  const apps = await listApps(ctx.tenant.id);
  const canWrite = ctx.can("apps:write");
  return (
    <>
      <PageHeader
        title="Apps"
        description="An app is one OTP configuration: code rules, channels, providers, limits, widget origins and webhook."
        actions={canWrite ? <CreateAppButton /> : undefined}
      />
      {apps.length === 0 ? (
        <EmptyState
          icon={<AppWindow className="size-8" />}
          title="No apps yet"
          body="Create an app to send codes: it holds the settings every verification follows."
          action={canWrite ? <CreateAppButton /> : undefined}
        />
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
          {apps.map((app) => (
            <li key={app.id}>
              <Link href={`/console/apps/${app.id}`} className="flex items-center gap-4 px-5 py-4 hover:bg-slate-50 focus-visible:-outline-offset-2 dark:hover:bg-slate-800/60">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-950 dark:text-white">{app.name}</p>
                  <p className="mt-0.5 truncate font-mono text-xs text-slate-500 dark:text-slate-400">{app.id}</p>
                </div>
                <div className="hidden flex-wrap gap-1.5 sm:flex">
                  {app.channels.map((c) => (
                    <Badge key={c} tone="brand">{c === "sms" ? "SMS" : "WhatsApp"}</Badge>
                  ))}
                  <Badge>{app.codeLength} digits</Badge>
                  {app.webhookUrl && <Badge tone="green">Webhook</Badge>}
                </div>
                <ChevronRight aria-hidden="true" className="size-4 text-slate-400" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
