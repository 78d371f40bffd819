import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/console/outbox/auto-refresh";
import { MessageBody } from "@/components/console/outbox/message-body";
import { Time } from "@/components/console/verifications/status-badge";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/panel";
import { requireConsolePage } from "@/lib/console/context";
import { listOutbox } from "@/lib/delivery/outbox";

export const metadata: Metadata = { title: "Test outbox" };

export default async function OutboxPage() {
  const ctx = await requireConsolePage();
  // The outbox holds test-mode messages only (CONTRACT §6), whatever the toggle says.
  const messages = await listOutbox(ctx.principal, { limit: 50 });
  return (
    <>
      <PageHeader
        title="Test outbox"
        description="Messages that test keys sent, newest first: nothing here reached a real phone. Your own tests can read them at GET /api/v1/outbox."
        actions={<AutoRefresh />}
      />
      {messages.length === 0 ? (
        <EmptyState
          icon={<Inbox className="size-8" />}
          title="The outbox is empty"
          body="Send a code with a test key (otpsk_test_…) to POST /api/v1/otp/send. The message appears here within seconds, code highlighted."
          action={<Link href="/console/api-keys" className={buttonClasses("secondary")}>Get a test key</Link>}
        />
      ) : (
        <ol aria-label="Test messages, newest first" className="space-y-3">
          {messages.map((m) => (
            <li key={m.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs dark:border-slate-800 dark:bg-slate-900">
              <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
                <span className="font-mono text-sm font-medium text-slate-950 dark:text-white">{m.to}</span>
                <Badge tone={m.channel === "whatsapp" ? "green" : "brand"}>{m.channel === "whatsapp" ? "WhatsApp" : "SMS"}</Badge>
                <Time at={m.createdAt} />
                {m.verificationId && (
                  <Link href={`/console/logs/${m.verificationId}?reveal=1`} className="ml-auto font-medium text-brand-700 hover:underline dark:text-brand-300">
                    Timeline<span className="sr-only"> of the verification of this message</span>
                  </Link>
                )}
              </div>
              <MessageBody body={m.body} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
