import { Globe, PanelsTopLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AppPicker } from "@/components/console/shared/app-picker";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Panel } from "@/components/ui/panel";
import { listApps } from "@/lib/apps/get-app";
import { baseUrl } from "@/lib/config/env";
import { requireConsolePage } from "@/lib/console/context";

export const metadata: Metadata = { title: "Widget" };

export default async function WidgetPage({ searchParams }: { searchParams: Promise<{ app?: string }> }) {
  const ctx = await requireConsolePage();
  const params = await searchParams;
  const apps = await listApps(ctx.tenant.id);
  if (apps.length === 0) {
    return (
      <>
        <PageHeader title="Widget" description="Phone verification on your web page, in one script tag." />
        <EmptyState
          icon={<PanelsTopLeft className="size-8" />}
          title="No apps yet"
          body="The widget sends codes for an app. Create one first."
          action={
            <Link href="/console/apps" className={buttonClasses("secondary")}>
              Go to apps
            </Link>
          }
        />
      </>
    );
  }
  const app = apps.find((a) => a.id === params.app) ?? apps[0]!;
  const base = baseUrl();
  const keys = (["test", "live"] as const)
    .map((mode) => ({ mode, key: app.publishableKeys[mode] }))
    .filter((k) => k.key);
  const server = `# On your server, redeem the token the widget handed your page (once):
curl ${base}/api/v1/tokens/verify \\
  -H "Authorization: Bearer $OTPILOT_SECRET_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"token": "<token from onVerified>"}'`;
  return (
    <>
      <PageHeader
        title="Widget"
        description="Paste one script tag: your visitors verify their phone in an OTPilot frame, and your page gets a signed token your server redeems."
      />
      <AppPicker apps={apps} current={app.id} href={(id) => `/console/widget?app=${id}`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
        <div className="min-w-0 space-y-6">
          {keys.map(({ mode, key }) => {
            const snippet = `<script src="${base}/widget.js" data-publishable-key="${key}" async></script>`;
            return (
              <Panel
                key={mode}
                title={
                  <span className="flex items-center gap-2">
                    Embed snippet <Badge tone={mode === "live" ? "green" : "amber"}>{mode}</Badge>
                  </span>
                }
                description={
                  mode === "test"
                    ? "Codes go to the test outbox, never to a phone: use it while you build."
                    : "Sends real codes, billed by your provider."
                }
                actions={<CopyButton value={snippet} label="Copy snippet" />}
              >
                <CodeBlock code={snippet} language="html" title={`${mode} · ${key}`} />
              </Panel>
            );
          })}
          <Panel
            title="Redeem the token"
            description="The token proves the phone number; it works once and expires within 5 minutes."
          >
            <CodeBlock code={server} language="bash" title="Terminal" />
          </Panel>
        </div>
        <div className="min-w-0 space-y-6">
          <Panel
            title="Allowed origins"
            description="Only pages on these origins may embed the widget and receive its token."
          >
            {app.allowedOrigins.length === 0 ? (
              <p className="text-sm text-amber-800 dark:text-amber-300">
                None yet: the widget refuses every page until you add your site&apos;s origin (e.g.
                https://example.com).
              </p>
            ) : (
              <ul className="space-y-1.5">
                {app.allowedOrigins.map((origin) => (
                  <li key={origin} className="flex items-center gap-2 text-sm">
                    <Globe aria-hidden="true" className="size-4 shrink-0 text-slate-400" />
                    <code className="truncate font-mono text-slate-900 dark:text-slate-100">{origin}</code>
                  </li>
                ))}
              </ul>
            )}
            <Link href={`/console/apps/${app.id}`} className={buttonClasses("secondary", "sm", "mt-4")}>
              {ctx.can("apps:write") ? "Edit origins in app settings" : "View app settings"}
            </Link>
          </Panel>
          <Panel
            title="Live preview"
            description="The widget opened on its own, with the test key: it sends to the test outbox and verifies, but hands no token to any page."
          >
            {app.publishableKeys.test ? (
              <div className="flex flex-wrap gap-2">
                {[
                  { label: "Open preview", query: "" },
                  { label: "Dark", query: "?theme=dark" },
                  { label: "Arabic (RTL)", query: "?locale=ar" },
                ].map(({ label, query }) => (
                  <a
                    key={label}
                    href={`/widget/${app.publishableKeys.test}${query}`}
                    target="_blank"
                    rel="noopener"
                    className={buttonClasses("secondary", "sm")}
                  >
                    {label}
                    <span className="sr-only"> (opens in a new tab)</span>
                  </a>
                ))}
              </div>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                This app has no test publishable key.
              </p>
            )}
          </Panel>
        </div>
      </div>
    </>
  );
}
