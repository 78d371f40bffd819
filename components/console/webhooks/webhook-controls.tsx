"use client";

import { Eye, EyeOff, RefreshCcw, RotateCw, Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { updateAppAction } from "@/app/(console)/console/_actions/apps";
import { redeliverWebhookAction, revealWebhookSecretAction, rollWebhookSecretAction } from "@/app/(console)/console/_actions/webhooks";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";

/** The app's webhook URL, changed through the app-settings action (validated by the API's schema). */
export function WebhookUrlForm({ appId, url, readOnly }: { appId: string; url: string | null; readOnly: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(url ?? "");
  const [error, setError] = useState<string | undefined>();
  const [pending, start] = useTransition();
  function submit(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      const result = await updateAppAction(appId, { webhookUrl: value.trim() === "" ? null : value.trim() });
      if (result.ok) {
        setError(undefined);
        toast.success(value.trim() ? "Webhook URL saved: new events go there." : "Webhook turned off.");
        router.refresh();
      } else setError(result.fieldErrors?.webhookUrl ?? result.error);
    });
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <Field label="Endpoint URL" hint="HTTPS in production. Leave empty to stop sending events." error={error} className="min-w-0 flex-1">
        {(control) => (
          <Input {...control} type="url" value={value} readOnly={readOnly} onChange={(e) => setValue(e.target.value)} placeholder="https://example.com/webhooks/otpilot" />
        )}
      </Field>
      {!readOnly && (
        <Button type="submit" disabled={pending || value === (url ?? "")} className="sm:mt-6">
          {pending ? "Saving…" : "Save URL"}
        </Button>
      )}
    </form>
  );
}

/** The signing secret: hidden until asked for, then copyable; rolled with a confirmation. */
export function WebhookSecret({ appId, canWrite, previousExpiresAt }: { appId: string; canWrite: boolean; previousExpiresAt: string | null }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [graceUntil, setGraceUntil] = useState<string | null>(previousExpiresAt);
  const [pending, start] = useTransition();
  function reveal() {
    if (secret) return setSecret(null);
    start(async () => {
      const result = await revealWebhookSecretAction(appId);
      if (result.ok) setSecret(result.data.secret);
      else toast.error(result.error);
    });
  }
  async function roll() {
    const result = await rollWebhookSecretAction(appId);
    if (result.ok) {
      setSecret(result.data.secret);
      setGraceUntil(result.data.previousSecretExpiresAt);
      toast.success("Secret rolled. The old one keeps signing for 24 hours.");
      router.refresh();
    } else toast.error(result.error);
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="webhook-secret" className="min-w-0 flex-1 truncate rounded-lg bg-slate-100 px-3 py-2 font-mono text-sm text-slate-900 dark:bg-slate-800 dark:text-slate-100">
          {secret ?? "whsec_••••••••••••••••••••••••••••••••"}
        </code>
        {canWrite && (
          <Button variant="secondary" size="sm" onClick={reveal} disabled={pending} aria-pressed={Boolean(secret)}>
            {secret ? <EyeOff aria-hidden="true" className="size-4" /> : <Eye aria-hidden="true" className="size-4" />}
            {secret ? "Hide" : "Reveal"}
          </Button>
        )}
        {secret && <CopyButton value={secret} />}
      </div>
      {graceUntil && new Date(graceUntil) > new Date() && (
        <p className="text-xs text-amber-800 dark:text-amber-300">
          The previous secret also signs (a second <code>v1,</code> signature) until {graceUntil.slice(0, 16).replace("T", " ")} UTC.
        </p>
      )}
      {canWrite ? (
        <ConfirmDialog
          trigger={
            <Button variant="secondary" size="sm">
              <RotateCw aria-hidden="true" className="size-4" /> Roll secret
            </Button>
          }
          title="Roll the signing secret?"
          description="A new secret signs every delivery from now on. For 24 hours the current one signs too, so you can update your receiver without rejecting events."
          confirmLabel="Roll secret"
          destructive={false}
          onConfirm={roll}
        />
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-400">Your role cannot read or roll the secret.</p>
      )}
    </div>
  );
}

export function RedeliverButton({ appId, deliveryId, label }: { appId: string; deliveryId: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const result = await redeliverWebhookAction(appId, deliveryId);
          if (result.ok) {
            toast.success("Queued: it is sent again within seconds.");
            router.refresh();
          } else toast.error(result.error);
        })
      }
    >
      {pending ? <RefreshCcw aria-hidden="true" className="size-4 animate-spin" /> : <Send aria-hidden="true" className="size-4" />}
      Redeliver<span className="sr-only"> {label}</span>
    </Button>
  );
}
