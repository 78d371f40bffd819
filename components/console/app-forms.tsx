"use client";

import { getCountries } from "libphonenumber-js";
import { Plus, Search, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useMemo, useState, useTransition } from "react";
import { toast } from "sonner";
import { createAppAction, updateAppAction } from "@/app/(console)/console/_actions/apps";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, NativeSelect, Textarea } from "@/components/ui/field";
import { Panel } from "@/components/ui/panel";
import type { AppView } from "@/lib/apps/app-view";
import { appSettingsSchema, createAppSchema } from "@/lib/apps/settings";
import type { FieldErrors } from "@/lib/console/context";

function zodFieldErrors(issues: { path: PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    // Array items report on their list: "allowedOrigins.2" → "allowedOrigins".
    const path = issue.path.filter((p) => typeof p !== "number").map(String).join(".") || "_";
    errors[path] ??= issue.message;
  }
  return errors;
}

export function CreateAppButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, start] = useTransition();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { name: String(new FormData(event.currentTarget).get("name") ?? "") };
    const checked = createAppSchema.safeParse(input);
    if (!checked.success) return setErrors(zodFieldErrors(checked.error.issues));
    start(async () => {
      const result = await createAppAction(input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? { name: result.error });
        return;
      }
      toast.success(`App “${input.name}” created`);
      setOpen(false);
      router.push(`/console/apps/${result.data.id}`);
    });
  }
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" className="size-4" />
        Create app
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title="Create an app" description="Start with a name; every other setting has a sensible default you can change next.">
        <form onSubmit={submit} className="space-y-5" noValidate>
          <Field label="Name" error={errors.name} hint="Shown in messages as {{app}}, e.g. “Acme”.">
            {(c) => <Input {...c} name="name" autoFocus maxLength={100} />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create app"}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

type SectionProps = {
  app: AppView;
  title: string;
  description: string;
  readOnly: boolean;
  /** turns the form's values into a partial settings update */
  build: (form: FormData) => Record<string, unknown>;
  children: (errors: FieldErrors) => ReactNode;
};

/** One group of settings with its own Save: validated with the API's schema, errors beside fields. */
function SettingsSection({ app, title, description, readOnly, build, children }: SectionProps) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, start] = useTransition();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = build(new FormData(event.currentTarget));
    const checked = appSettingsSchema.safeParse(input);
    if (!checked.success) {
      setErrors(zodFieldErrors(checked.error.issues));
      return;
    }
    start(async () => {
      const result = await updateAppAction(app.id, input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        toast.error(result.error);
        return;
      }
      setErrors({});
      toast.success(`${title} saved`);
      router.refresh();
    });
  }
  return (
    <Panel title={title} description={description}>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={readOnly || pending} className="space-y-5">
          <legend className="sr-only">{title}</legend>
          {children(errors)}
          {errors._ && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{errors._}</p>}
          {!readOnly && (
            <div className="flex justify-end border-t border-slate-100 pt-4 dark:border-slate-800">
              <Button type="submit">{pending ? "Saving…" : `Save ${title.toLowerCase()}`}</Button>
            </div>
          )}
        </fieldset>
      </form>
    </Panel>
  );
}

const num = (form: FormData, name: string) => {
  const raw = String(form.get(name) ?? "").trim();
  return raw === "" ? undefined : Number(raw);
};
const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const lines = (value: string) => value.split(/[\n,]/).map((l) => l.trim()).filter(Boolean);

function Grid({ children }: { children: ReactNode }) {
  return <div className="grid gap-5 sm:grid-cols-2">{children}</div>;
}

const channelOptions: { value: string; label: string }[] = [
  { value: "sms", label: "SMS only" },
  { value: "whatsapp", label: "WhatsApp only" },
  { value: "whatsapp,sms", label: "WhatsApp, then SMS" },
  { value: "sms,whatsapp", label: "SMS, then WhatsApp" },
];

export function AppSettingsForm({ app, readOnly }: { app: AppView; readOnly: boolean }) {
  const limits = app.rateLimits;
  return (
    <div className="space-y-6">
      {readOnly && (
        <p className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
          Your role can read these settings but not change them.
        </p>
      )}
      <SettingsSection app={app} readOnly={readOnly} title="General" description="The app's name and the language of messages without a locale." build={(f) => ({ name: text(f, "name"), defaultLocale: text(f, "defaultLocale") })}>
        {(e) => (
          <Grid>
            <Field label="Name" error={e.name}>{(c) => <Input {...c} name="name" defaultValue={app.name} />}</Field>
            <Field label="Default locale" hint="BCP 47, e.g. en or pt-BR" error={e.defaultLocale}>
              {(c) => <Input {...c} name="defaultLocale" defaultValue={app.defaultLocale} />}
            </Field>
          </Grid>
        )}
      </SettingsSection>

      <SettingsSection
        app={app}
        readOnly={readOnly}
        title="Code rules"
        description="What a code looks like, how long it lives and how often it may be tried."
        build={(f) => ({
          codeLength: num(f, "codeLength"),
          alphabet: text(f, "alphabet"),
          ttl: num(f, "ttl"),
          maxAttempts: num(f, "maxAttempts"),
          resendCooldown: num(f, "resendCooldown"),
          maxSends: num(f, "maxSends"),
          exposeCode: f.get("exposeCode") === "on",
        })}
      >
        {(e) => (
          <>
            <Grid>
              <Field label="Code length" hint="4–10 characters" error={e.codeLength}>{(c) => <Input {...c} name="codeLength" type="number" min={4} max={10} defaultValue={app.codeLength} />}</Field>
              <Field label="Alphabet" error={e.alphabet}>
                {(c) => (
                  <NativeSelect {...c} name="alphabet" defaultValue={app.alphabet}>
                    <option value="numeric">Digits (0–9)</option>
                    <option value="alphanumeric">Letters and digits</option>
                    <option value="letters">Letters (A–Z, 5+ characters)</option>
                    <option value="lettersMixedCase">Letters, mixed case</option>
                    <option value="alphanumericMixedCase">Letters and digits, mixed case</option>
                  </NativeSelect>
                )}
              </Field>
              <Field label="Lifetime (seconds)" hint="60–86,400; default 600" error={e.ttl}>{(c) => <Input {...c} name="ttl" type="number" min={60} defaultValue={app.ttl} />}</Field>
              <Field label="Verify attempts per code" hint="1–10" error={e.maxAttempts}>{(c) => <Input {...c} name="maxAttempts" type="number" min={1} max={10} defaultValue={app.maxAttempts} />}</Field>
              <Field label="Resend cooldown (seconds)" hint="0–3,600" error={e.resendCooldown}>{(c) => <Input {...c} name="resendCooldown" type="number" min={0} defaultValue={app.resendCooldown} />}</Field>
              <Field label="Sends per verification" hint="1–20, resends included" error={e.maxSends}>{(c) => <Input {...c} name="maxSends" type="number" min={1} max={20} defaultValue={app.maxSends} />}</Field>
            </Grid>
            <label className="flex items-start gap-3 text-sm">
              <input type="checkbox" name="exposeCode" defaultChecked={app.exposeCode} className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600" />
              <span>
                <span className="font-medium text-slate-900 dark:text-slate-100">Return the code in test-mode responses</span>
                <span className="block text-slate-600 dark:text-slate-400">For automated tests only. Live keys never see codes.</span>
              </span>
            </label>
          </>
        )}
      </SettingsSection>

      <SettingsSection app={app} readOnly={readOnly} title="Channels" description="How codes travel. With two channels, the second is the fallback." build={(f) => ({ channels: text(f, "channels").split(",").filter(Boolean) })}>
        {(e) => (
          <Field label="Channels" error={e.channels}>
            {(c) => (
              <NativeSelect {...c} name="channels" defaultValue={app.channels.join(",")}>
                {channelOptions.map((o) => (
                  <option key={o.value} value={o.value}>{o.label}</option>
                ))}
              </NativeSelect>
            )}
          </Field>
        )}
      </SettingsSection>

      <ProvidersSection app={app} readOnly={readOnly} />

      <SettingsSection
        app={app}
        readOnly={readOnly}
        title="Limits"
        description="Rate limits that protect your users and your bill (per app; empty = default)."
        build={(f) => ({
          rateLimits: Object.fromEntries(
            ["sendsPerRecipient", "sendsPerRecipientWindow", "verifiesPerRecipient", "verifiesPerRecipientWindow", "widgetSendsPerIp", "sendsPerNumberPrefix"]
              .map((k) => [k, num(f, k)])
              .filter(([, v]) => v !== undefined),
          ),
        })}
      >
        {(e) => (
          <Grid>
            <Field label="Sends per number" error={e["rateLimits.sendsPerRecipient"]}>{(c) => <Input {...c} name="sendsPerRecipient" type="number" min={1} defaultValue={limits.sendsPerRecipient} />}</Field>
            <Field label="…per window (seconds)" error={e["rateLimits.sendsPerRecipientWindow"]}>{(c) => <Input {...c} name="sendsPerRecipientWindow" type="number" min={1} defaultValue={limits.sendsPerRecipientWindow} />}</Field>
            <Field label="Verify attempts per number" error={e["rateLimits.verifiesPerRecipient"]}>{(c) => <Input {...c} name="verifiesPerRecipient" type="number" min={1} defaultValue={limits.verifiesPerRecipient} />}</Field>
            <Field label="…per window (seconds)" error={e["rateLimits.verifiesPerRecipientWindow"]}>{(c) => <Input {...c} name="verifiesPerRecipientWindow" type="number" min={1} defaultValue={limits.verifiesPerRecipientWindow} />}</Field>
            <Field label="Widget sends per IP (10 minutes)" error={e["rateLimits.widgetSendsPerIp"]}>{(c) => <Input {...c} name="widgetSendsPerIp" type="number" min={1} defaultValue={limits.widgetSendsPerIp} />}</Field>
            <Field label="Sends per number range (hour)" hint="Against SMS pumping" error={e["rateLimits.sendsPerNumberPrefix"]}>{(c) => <Input {...c} name="sendsPerNumberPrefix" type="number" min={1} defaultValue={limits.sendsPerNumberPrefix} />}</Field>
          </Grid>
        )}
      </SettingsSection>

      <CountriesSection app={app} readOnly={readOnly} />

      <SettingsSection app={app} readOnly={readOnly} title="Widget origins" description="Sites allowed to embed the verification widget." build={(f) => ({ allowedOrigins: lines(text(f, "allowedOrigins")) })}>
        {(e) => (
          <Field label="Allowed origins" hint="One per line, e.g. https://app.example.com" error={e.allowedOrigins}>
            {(c) => <Textarea {...c} name="allowedOrigins" rows={3} defaultValue={app.allowedOrigins.join("\n")} className="font-mono" />}
          </Field>
        )}
      </SettingsSection>

      <SettingsSection app={app} readOnly={readOnly} title="Webhook" description="Where OTPilot posts signed events about verifications and messages." build={(f) => ({ webhookUrl: text(f, "webhookUrl") || null })}>
        {(e) => (
          <Field label="Webhook URL" hint="Empty turns webhooks off." error={e.webhookUrl}>
            {(c) => <Input {...c} name="webhookUrl" type="url" placeholder="https://example.com/webhooks/otpilot" defaultValue={app.webhookUrl ?? ""} />}
          </Field>
        )}
      </SettingsSection>
    </div>
  );
}

function ProvidersSection({ app, readOnly }: { app: AppView; readOnly: boolean }) {
  const p = app.providers;
  const build = (f: FormData) => {
    const providers: Record<string, unknown> = {};
    if (f.get("twilio.remove") === "on") providers.twilio = null;
    else if (text(f, "twilio.accountSid") || text(f, "twilio.authToken")) {
      providers.twilio = {
        accountSid: text(f, "twilio.accountSid"),
        authToken: text(f, "twilio.authToken"),
        ...(text(f, "twilio.from") ? { from: text(f, "twilio.from") } : {}),
        ...(text(f, "twilio.messagingServiceSid") ? { messagingServiceSid: text(f, "twilio.messagingServiceSid") } : {}),
      };
    }
    if (f.get("whatsapp.remove") === "on") providers.whatsapp = null;
    else if (text(f, "whatsapp.phoneNumberId") || text(f, "whatsapp.accessToken")) {
      providers.whatsapp = {
        phoneNumberId: text(f, "whatsapp.phoneNumberId"),
        accessToken: text(f, "whatsapp.accessToken"),
        templateName: text(f, "whatsapp.templateName"),
        templateLanguage: text(f, "whatsapp.templateLanguage") || "en",
      };
    }
    if (f.get("http.remove") === "on") providers.http = null;
    else if (text(f, "http.url")) {
      providers.http = { url: text(f, "http.url"), ...(text(f, "http.secret") ? { secret: text(f, "http.secret") } : {}) };
    }
    return { providers };
  };
  const configured = (on: boolean) => (on ? <Badge tone="green">Configured</Badge> : <Badge>Not set</Badge>);
  return (
    <SettingsSection
      app={app}
      readOnly={readOnly}
      title="Providers"
      description="Credentials are write-only: saved encrypted, never shown again. Fill a block to replace it."
      build={build}
    >
      {(e) => (
        <div className="space-y-6">
          <fieldset className="space-y-4">
            <legend className="flex items-center gap-2 text-sm font-semibold text-slate-950 dark:text-white">Twilio (SMS) {configured(Boolean(p.twilio))}</legend>
            <Grid>
              <Field label="Account SID" error={e["providers.twilio.accountSid"] ?? e["providers.twilio"]}>{(c) => <Input {...c} name="twilio.accountSid" placeholder={p.twilio?.accountSid ?? "AC…"} autoComplete="off" />}</Field>
              <Field label="Auth token" hint={p.twilio ? `Saved: ${p.twilio.authToken}` : undefined} error={e["providers.twilio.authToken"]}>{(c) => <Input {...c} name="twilio.authToken" type="password" autoComplete="new-password" />}</Field>
              <Field label="From number" error={e["providers.twilio.from"]}>{(c) => <Input {...c} name="twilio.from" placeholder={p.twilio?.from ?? "+14155550100"} />}</Field>
              <Field label="Messaging service SID" hint="Instead of a from number" error={e["providers.twilio.messagingServiceSid"]}>{(c) => <Input {...c} name="twilio.messagingServiceSid" placeholder={p.twilio?.messagingServiceSid ?? "MG…"} />}</Field>
            </Grid>
            {p.twilio && <RemoveBox name="twilio.remove" label="Remove the Twilio credentials" />}
          </fieldset>
          <fieldset className="space-y-4 border-t border-slate-100 pt-5 dark:border-slate-800">
            <legend className="flex items-center gap-2 pt-5 text-sm font-semibold text-slate-950 dark:text-white">WhatsApp Cloud API {configured(Boolean(p.whatsapp))}</legend>
            <Grid>
              <Field label="Phone number id" error={e["providers.whatsapp.phoneNumberId"]}>{(c) => <Input {...c} name="whatsapp.phoneNumberId" placeholder={p.whatsapp?.phoneNumberId ?? ""} />}</Field>
              <Field label="Access token" hint={p.whatsapp ? `Saved: ${p.whatsapp.accessToken}` : undefined} error={e["providers.whatsapp.accessToken"]}>{(c) => <Input {...c} name="whatsapp.accessToken" type="password" autoComplete="new-password" />}</Field>
              <Field label="Template name" error={e["providers.whatsapp.templateName"]}>{(c) => <Input {...c} name="whatsapp.templateName" placeholder={p.whatsapp?.templateName ?? "otp_code"} />}</Field>
              <Field label="Template language" error={e["providers.whatsapp.templateLanguage"]}>{(c) => <Input {...c} name="whatsapp.templateLanguage" placeholder={p.whatsapp?.templateLanguage ?? "en"} />}</Field>
            </Grid>
            {p.whatsapp && <RemoveBox name="whatsapp.remove" label="Remove the WhatsApp credentials" />}
          </fieldset>
          <fieldset className="space-y-4 border-t border-slate-100 pt-5 dark:border-slate-800">
            <legend className="flex items-center gap-2 pt-5 text-sm font-semibold text-slate-950 dark:text-white">HTTP gateway {configured(Boolean(p.http))}</legend>
            <Grid>
              <Field label="Gateway URL" error={e["providers.http.url"]}>{(c) => <Input {...c} name="http.url" type="url" placeholder={p.http?.url ?? "https://sms.example.com/send"} />}</Field>
              <Field label="Signing secret" hint={p.http?.secret ? `Saved: ${p.http.secret}` : "16+ characters"} error={e["providers.http.secret"]}>{(c) => <Input {...c} name="http.secret" type="password" autoComplete="new-password" />}</Field>
            </Grid>
            {p.http && <RemoveBox name="http.remove" label="Remove the HTTP gateway" />}
          </fieldset>
        </div>
      )}
    </SettingsSection>
  );
}

function RemoveBox({ name, label }: { name: string; label: string }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
      <input type="checkbox" name={name} className="size-4 accent-red-600" />
      {label}
    </label>
  );
}

const countryNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "region" }) : null;
const ALL_COUNTRIES = getCountries()
  .map((code) => ({ code, name: countryNames?.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** Allowed countries: a searchable list of checkboxes; none checked means every country. */
function CountriesSection({ app, readOnly }: { app: AppView; readOnly: boolean }) {
  const [selected, setSelected] = useState<string[]>(app.allowedCountries);
  const [query, setQuery] = useState("");
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? ALL_COUNTRIES.filter((c) => c.name.toLowerCase().includes(q) || c.code.toLowerCase() === q) : ALL_COUNTRIES;
  }, [query]);
  const toggle = (code: string) => setSelected((s) => (s.includes(code) ? s.filter((c) => c !== code) : [...s, code]));
  return (
    <SettingsSection app={app} readOnly={readOnly} title="Allowed countries" description="Codes go only to numbers of these countries. None selected: every country." build={() => ({ allowedCountries: selected })}>
      {(e) => (
        <div className="space-y-3">
          <div className="flex min-h-9 flex-wrap gap-1.5" aria-live="polite">
            {selected.length === 0 ? (
              <span className="text-sm text-slate-600 dark:text-slate-400">All countries allowed.</span>
            ) : (
              selected.map((code) => (
                <button key={code} type="button" onClick={() => toggle(code)} className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2.5 py-1 text-xs font-medium text-brand-800 ring-1 ring-brand-200 hover:bg-brand-100 dark:bg-brand-950 dark:text-brand-200 dark:ring-brand-800">
                  {countryNames?.of(code) ?? code}
                  <X aria-hidden="true" className="size-3" />
                  <span className="sr-only">(remove)</span>
                </button>
              ))
            )}
          </div>
          <div className="relative">
            <Search aria-hidden="true" className="pointer-events-none absolute top-2.5 left-3 size-4 text-slate-500" />
            <label htmlFor={`${app.id}-country-search`} className="sr-only">Search countries</label>
            <Input id={`${app.id}-country-search`} value={query} onChange={(ev) => setQuery(ev.target.value)} placeholder="Search countries" className="pl-9" />
          </div>
          <ul aria-label="Countries" className="grid max-h-56 gap-1 overflow-y-auto rounded-lg border border-slate-200 p-2 sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800">
            {matches.map((c) => (
              <li key={c.code}>
                <label className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
                  <input type="checkbox" checked={selected.includes(c.code)} onChange={() => toggle(c.code)} className="size-4 accent-brand-600" />
                  <span className="truncate">{c.name}</span>
                  <span className="ml-auto font-mono text-xs text-slate-500 dark:text-slate-400">{c.code}</span>
                </label>
              </li>
            ))}
          </ul>
          {e.allowedCountries && <p role="alert" className="text-xs text-red-700 dark:text-red-400">{e.allowedCountries}</p>}
        </div>
      )}
    </SettingsSection>
  );
}
