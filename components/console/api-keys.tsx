"use client";

import { KeyRound, Plus, RefreshCw, ShieldAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { toast } from "sonner";
import { createKeyAction, type NewSecret, revokeKeyAction, rollKeyAction } from "@/app/(console)/console/_actions/keys";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, NativeSelect } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import type { FieldErrors } from "@/lib/console/context";

type KeyRow = {
  id: string;
  name: string;
  mode: "live" | "test";
  start: string;
  appIds: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};
type AppRef = { id: string; name: string };

const when = (iso: string | null, empty = "Never") =>
  iso
    ? new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", year: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })
    : empty;

function status(key: KeyRow, now: number): { label: string; tone: "green" | "red" | "amber" | "neutral" } {
  if (key.revokedAt) return { label: "Revoked", tone: "red" };
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return { label: "Expired", tone: "neutral" };
  if (key.expiresAt) return { label: "Expires", tone: "amber" };
  return { label: "Active", tone: "green" };
}

export function ApiKeysView({ keys, apps, canWrite, defaultMode }: { keys: KeyRow[]; apps: AppRef[]; canWrite: boolean; defaultMode: "live" | "test" }) {
  const router = useRouter();
  const [secret, setSecret] = useState<NewSecret | null>(null);
  const [now] = useState(() => Date.now());
  const appName = (id: string) => apps.find((a) => a.id === id)?.name ?? id;

  async function revoke(key: KeyRow) {
    const result = await revokeKeyAction(key.id);
    if (!result.ok) return void toast.error(result.error);
    toast.success(`Key ${key.name} revoked. Requests with it now answer 401.`);
    router.refresh();
  }
  async function roll(key: KeyRow, graceHours: number) {
    const result = await rollKeyAction({ keyId: key.id, graceHours });
    if (!result.ok) return void toast.error(result.error);
    setSecret(result.data);
    router.refresh();
  }

  return (
    <>
      {canWrite && (
        <div className="mb-4 flex justify-end">
          <CreateKeyButton apps={apps} defaultMode={defaultMode} onCreated={(s) => { setSecret(s); router.refresh(); }} />
        </div>
      )}
      {keys.length === 0 ? (
        <EmptyState
          icon={<KeyRound className="size-8" />}
          title="No API keys yet"
          body="Create a test key to try the API: its codes go to the outbox, never to real phones."
          action={canWrite ? <CreateKeyButton apps={apps} defaultMode="test" onCreated={(s) => { setSecret(s); router.refresh(); }} /> : undefined}
        />
      ) : (
        <Table label="API keys">
          <thead>
            <tr>
              <Th>Key</Th>
              <Th>Apps</Th>
              <Th>Created (UTC)</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              {canWrite && <Th><span className="sr-only">Actions</span></Th>}
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => {
              const s = status(key, now);
              const active = !key.revokedAt && !(key.expiresAt && Date.parse(key.expiresAt) <= now);
              return (
                <tr key={key.id}>
                  <Td>
                    <p className="flex items-center gap-2 font-medium text-slate-950 dark:text-white">
                      {key.name}
                      <Badge tone={key.mode === "live" ? "brand" : "amber"}>{key.mode}</Badge>
                    </p>
                    <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{key.id}</p>
                    <p className="font-mono text-xs text-slate-500 dark:text-slate-400">{key.start}…</p>
                  </Td>
                  <Td>{key.appIds.length ? key.appIds.map(appName).join(", ") : <span className="whitespace-nowrap text-slate-500 dark:text-slate-400">All apps</span>}</Td>
                  <Td className="whitespace-nowrap">{when(key.createdAt)}</Td>
                  <Td className="whitespace-nowrap">{when(key.lastUsedAt)}</Td>
                  <Td className="whitespace-nowrap">
                    <Badge tone={s.tone}>{s.label}</Badge>
                    {key.expiresAt && !key.revokedAt && <span className="block pt-1 text-xs">{when(key.expiresAt)}</span>}
                  </Td>
                  {canWrite && (
                    <Td className="text-right whitespace-nowrap">
                      {active && (
                        <div className="flex justify-end gap-1">
                          <RollKeyButton keyRow={key} onRoll={roll} />
                          <ConfirmDialog
                            trigger={<Button variant="ghost" size="sm" className="text-red-700 dark:text-red-400">Revoke<span className="sr-only"> {key.name}</span></Button>}
                            title={`Revoke “${key.name}”?`}
                            description="Requests with this key are refused from the next request on. This cannot be undone."
                            confirmLabel="Revoke key"
                            onConfirm={() => revoke(key)}
                          />
                        </div>
                      )}
                    </Td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <SecretDialog secret={secret} onDone={() => setSecret(null)} />
    </>
  );
}

function CreateKeyButton({ apps, defaultMode, onCreated }: { apps: AppRef[]; defaultMode: "live" | "test"; onCreated: (s: NewSecret) => void }) {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, start] = useTransition();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      mode: String(form.get("mode")),
      appIds: form.getAll("appIds").map(String),
      ...(form.get("expiresAt") ? { expiresAt: String(form.get("expiresAt")) } : {}),
    };
    start(async () => {
      const result = await createKeyAction(input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? { _: result.error });
        return;
      }
      setErrors({});
      setOpen(false);
      onCreated(result.data);
    });
  }
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" className="size-4" />
        Create key
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Create a secret key" description="The secret is shown once, right after this step.">
        <form onSubmit={submit} className="space-y-5" noValidate>
          <Field label="Name" hint="What uses it, e.g. “Backend production”" error={errors.name}>{(c) => <Input {...c} name="name" autoFocus maxLength={100} />}</Field>
          <Field label="Mode" error={errors.mode}>
            {(c) => (
              <NativeSelect {...c} name="mode" defaultValue={defaultMode}>
                <option value="test">Test — codes go to the outbox</option>
                <option value="live">Live — codes reach real phones</option>
              </NativeSelect>
            )}
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-900 dark:text-slate-100">Apps</legend>
            <p className="text-xs text-slate-600 dark:text-slate-400">None checked: the key may act on every app, present and future.</p>
            <div className="mt-2 space-y-1.5">
              {apps.map((app) => (
                <label key={app.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="appIds" value={app.id} className="size-4 accent-brand-600" />
                  {app.name}
                </label>
              ))}
            </div>
            {errors.appIds && <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">{errors.appIds}</p>}
          </fieldset>
          <Field label="Expires on (optional)" error={errors.expiresAt}>{(c) => <Input {...c} name="expiresAt" type="date" />}</Field>
          {errors._ && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{errors._}</p>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create key"}</Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

function RollKeyButton({ keyRow, onRoll }: { keyRow: KeyRow; onRoll: (key: KeyRow, graceHours: number) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [grace, setGrace] = useState("24");
  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        <RefreshCw aria-hidden="true" className="size-3.5" />
        Roll<span className="sr-only"> {keyRow.name}</span>
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={`Roll “${keyRow.name}”`} description="A new secret replaces this one. The old secret keeps working during the grace period, so you can deploy the new one.">
        <div className="space-y-5">
          <Field label="Old secret keeps working for">
            {(c) => (
              <NativeSelect {...c} value={grace} onChange={(e) => setGrace(e.target.value)}>
                <option value="0">No grace — stop it now</option>
                <option value="1">1 hour</option>
                <option value="24">24 hours</option>
                <option value="168">7 days</option>
              </NativeSelect>
            )}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>Cancel</Button>
            <Button onClick={() => { setOpen(false); void onRoll(keyRow, Number(grace)); }}>Roll key</Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}

/** The secret, once: copy it, confirm it is stored; the dialog cannot be dismissed by accident. */
function SecretDialog({ secret, onDone }: { secret: NewSecret | null; onDone: () => void }) {
  const [stored, setStored] = useState(false);
  const close = () => { setStored(false); onDone(); };
  return (
    <Dialog open={secret !== null} onOpenChange={(o) => !o && stored && close()} modal="locked" title="Store your secret key now" description="This is the only time it is shown. OTPilot keeps only a hash of it.">
      {secret && (
        <div className="space-y-5">
          <div className="flex items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
            <ShieldAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            Put it in your server&apos;s secret store (e.g. an environment variable). Never in a browser or an app.
          </div>
          <div>
            <p className="text-xs font-medium text-slate-600 dark:text-slate-400">Secret ({secret.mode}) · {secret.keyId}</p>
            <code data-testid="new-secret" className="mt-1 block rounded-lg bg-slate-950 p-3 font-mono text-sm break-all text-emerald-300">{secret.secret}</code>
            <CopyButton value={secret.secret} label="Copy secret" className="mt-2" />
          </div>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} className="size-4 accent-brand-600" />
            I have stored it
          </label>
          <div className="flex justify-end">
            <Button disabled={!stored} onClick={close}>Done</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
