import { Webhook } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AppPicker } from "@/components/console/shared/app-picker";
import { Time } from "@/components/console/verifications/status-badge";
import { RedeliverButton, WebhookSecret, WebhookUrlForm } from "@/components/console/webhooks/webhook-controls";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Panel } from "@/components/ui/panel";
import { Table, Td, Th } from "@/components/ui/table";
import { listApps } from "@/lib/apps/get-app";
import { requireConsolePage } from "@/lib/console/context";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { webhookDeliveriesQuerySchema } from "@/lib/webhooks/schemas";
import { webhookSecretGraceUntil } from "@/lib/webhooks/webhook-secret-grace";

export const metadata: Metadata = { title: "Webhooks" };

const TONE = { delivered: "green", pending: "amber", failed: "red", canceled: "neutral" } as const;

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ app?: string; cursor?: string; status?: string }> }) {
  const ctx = await requireConsolePage();
  const params = await searchParams;
  const apps = await listApps(ctx.tenant.id);
  if (apps.length === 0) {
    return (
      <>
        <PageHeader title="Webhooks" description="OTPilot tells your server when a verification is approved, fails or expires." />
        <EmptyState icon={<Webhook className="size-8" />} title="No apps yet" body="Webhooks belong to an app. Create one first." action={<Link href="/console/apps" className={buttonClasses("secondary")}>Go to apps</Link>} />
      </>
    );
  }
  const app = apps.find((a) => a.id === params.app) ?? apps[0]!;
  const canWrite = ctx.can("webhooks:write");
  const query = webhookDeliveriesQuerySchema.safeParse({ limit: 25, ...(params.cursor ? { cursor: params.cursor } : {}), ...(params.status ? { status: params.status } : {}) });
  const principal = { ...ctx.principal, mode: "live" as const };
  const [page, grace] = await Promise.all([
    listWebhookDeliveries(principal, app.id, query.success ? query.data : webhookDeliveriesQuerySchema.parse({ limit: 25 })),
    webhookSecretGraceUntil(ctx.tenant.id, app.id),
  ]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="OTPilot POSTs events (verification.approved, verification.failed, message.failed, …) to your server, signed per Standard Webhooks and retried with backoff."
      />
      <AppPicker apps={apps} current={app.id} href={(id) => `/console/webhooks?app=${id}`} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Panel title="Endpoint" description="One URL per app, for live and test events alike (each event says its mode).">
          <WebhookUrlForm appId={app.id} url={app.webhookUrl} readOnly={!ctx.can("apps:write")} />
        </Panel>
        <Panel title="Signing secret" description="Check each request's webhook-signature header with it.">
          <WebhookSecret appId={app.id} canWrite={canWrite} previousExpiresAt={grace} />
        </Panel>
      </div>
      <h2 className="mt-8 mb-3 text-base font-semibold text-slate-950 dark:text-white">Deliveries</h2>
      {page.data.length === 0 ? (
        <EmptyState
          icon={<Webhook className="size-8" />}
          title="No deliveries yet"
          body={app.webhookUrl ? "Events are delivered here as verifications are approved, fail or expire. Send a test code and verify it to see one." : "Set an endpoint URL above: every later event is delivered and listed here."}
        />
      ) : (
        <Table label="Webhook deliveries">
          <thead>
            <tr>
              <Th>Created (UTC)</Th>
              <Th>Event</Th>
              <Th>Status</Th>
              <Th>Attempts</Th>
              <Th>Response</Th>
              <Th>Next retry</Th>
              <Th><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody>
            {page.data.map((d) => (
              <tr key={d.id}>
                <Td><Time at={d.createdAt} /></Td>
                <Td><code className="font-mono text-xs">{d.eventType}</code></Td>
                <Td><Badge tone={TONE[d.status as keyof typeof TONE] ?? "neutral"}>{d.status}</Badge></Td>
                <Td className="tabular-nums">{d.attempts}</Td>
                <Td className="max-w-64">
                  {d.lastStatusCode ? <span className="font-mono text-xs">{d.lastStatusCode}</span> : null}
                  {d.lastError && <span className="block truncate text-xs text-slate-500 dark:text-slate-400" title={d.lastError}>{d.lastError}</span>}
                  {!d.lastStatusCode && !d.lastError && "—"}
                </Td>
                <Td>{d.nextAttemptAt ? <Time at={d.nextAttemptAt} /> : "—"}</Td>
                <Td className="text-right">
                  {canWrite && d.status !== "pending" && <RedeliverButton appId={app.id} deliveryId={d.id} label={`${d.eventType} of ${d.createdAt.slice(0, 19)}`} />}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {page.nextCursor && (
        <div className="mt-4 flex justify-end">
          <Link href={`?${new URLSearchParams({ app: app.id, cursor: page.nextCursor })}`} className={buttonClasses("secondary")}>Older deliveries</Link>
        </div>
      )}
    </>
  );
}
