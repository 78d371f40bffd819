import { MessageSquareText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AppPicker } from "@/components/console/shared/app-picker";
import { TemplateEditor } from "@/components/console/templates/template-editor";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Panel } from "@/components/ui/panel";
import { listApps } from "@/lib/apps/get-app";
import { baseUrl } from "@/lib/config/env";
import { requireConsolePage } from "@/lib/console/context";
import { DEFAULT_LOCALES, defaultTemplate } from "@/lib/templates/default-templates";
import { listTemplates } from "@/lib/templates/list-templates";
import { previewTemplate } from "@/lib/templates/preview-template";
import { templateLocaleSchema } from "@/lib/templates/template-schemas";

export const metadata: Metadata = { title: "Templates" };

type Search = { app?: string; channel?: string; locale?: string };

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireConsolePage();
  const params = await searchParams;
  const apps = await listApps(ctx.tenant.id);
  if (apps.length === 0) {
    return (
      <>
        <PageHeader title="Templates" description="The text of each code message, per app, channel and language." />
        <EmptyState icon={<MessageSquareText className="size-8" />} title="No apps yet" body="Templates belong to an app. Create one first." action={<Link href="/console/apps" className={buttonClasses("secondary")}>Go to apps</Link>} />
      </>
    );
  }
  const app = apps.find((a) => a.id === params.app) ?? apps[0]!;
  const channel = params.channel === "whatsapp" ? "whatsapp" : "sms";
  const templates = await listTemplates(ctx.principal, app.id);
  const own = templates.filter((t) => t.channel === channel);
  const locales = [...new Set([app.defaultLocale, ...own.map((t) => t.locale), ...DEFAULT_LOCALES])];
  const asked = templateLocaleSchema.safeParse(params.locale ?? app.defaultLocale);
  const locale = asked.success ? asked.data : app.defaultLocale;
  if (!locales.includes(locale)) locales.push(locale);
  const template = own.find((t) => t.locale === locale) ?? null;
  const builtin = defaultTemplate(channel, locale, new URL(baseUrl()).hostname);
  const preview = await previewTemplate(ctx.principal, app.id, { channel, locale, body: template?.body ?? builtin });
  const href = (next: Search) => `/console/templates?${new URLSearchParams({ app: app.id, channel, locale, ...next })}`;

  return (
    <>
      <PageHeader
        title="Templates"
        description="The text of each code message, per app, channel and language. Locales without a template of yours use the built-in text."
      />
      <AppPicker apps={apps} current={app.id} href={(id) => `/console/templates?app=${id}&channel=${channel}`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <div className="min-w-0 space-y-4">
          <nav aria-label="Channel" className="grid grid-cols-2 gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800/60">
            {(["sms", "whatsapp"] as const).map((c) => (
              <Link
                key={c}
                href={href({ channel: c })}
                aria-current={c === channel ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-1.5 text-center text-sm font-medium",
                  c === channel ? "bg-white text-slate-950 shadow-xs dark:bg-slate-900 dark:text-white" : "text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white",
                )}
              >
                {c === "sms" ? "SMS" : "WhatsApp"}
              </Link>
            ))}
          </nav>
          <nav aria-label="Locales">
            <ul className="flex gap-1 overflow-x-auto pb-1 lg:flex-col lg:overflow-visible">
              {locales.map((l) => {
                const mine = own.some((t) => t.locale === l);
                return (
                  <li key={l} className="shrink-0">
                    <Link
                      href={href({ locale: l })}
                      aria-current={l === locale ? "page" : undefined}
                      className={cn(
                        "flex items-center justify-between gap-3 rounded-md px-3 py-1.5 text-sm",
                        l === locale ? "bg-brand-50 font-medium text-brand-800 ring-1 ring-brand-100 dark:bg-brand-950 dark:text-brand-100 dark:ring-brand-900" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
                      )}
                    >
                      <span className="font-mono">{l}</span>
                      {mine ? <Badge tone="brand">custom</Badge> : <span className={cn("text-xs", l === locale ? "text-brand-800 dark:text-brand-100" : "text-slate-600 dark:text-slate-400")}>built-in</span>}
                      {l === app.defaultLocale && <span className="sr-only"> (default locale)</span>}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <form method="get" action="/console/templates" className="flex items-end gap-2">
            <input type="hidden" name="app" value={app.id} />
            <input type="hidden" name="channel" value={channel} />
            <div className="min-w-0 flex-1">
              <label htmlFor="other-locale" className="block text-xs font-medium text-slate-700 dark:text-slate-300">Another locale</label>
              <input id="other-locale" name="locale" placeholder="ja, pt-PT…" className="mt-1 block h-8 w-full rounded-lg border-0 bg-white px-2.5 text-sm ring-1 ring-slate-300 ring-inset focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:outline-none dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700" />
            </div>
            <button type="submit" className={buttonClasses("secondary", "sm")}>Open</button>
          </form>
        </div>
        <Panel>
          <TemplateEditor
            key={`${app.id}:${channel}:${locale}:${template?.id ?? "builtin"}:${template?.updatedAt ?? ""}`}
            appId={app.id}
            appName={app.name}
            channel={channel}
            locale={locale}
            template={template ? { id: template.id, body: template.body } : null}
            builtin={builtin}
            initialPreview={preview}
            readOnly={!ctx.can("templates:write")}
          />
        </Panel>
      </div>
    </>
  );
}
