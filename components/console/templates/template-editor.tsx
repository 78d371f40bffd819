"use client";

import { AlertTriangle, Save, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { createTemplateAction, deleteTemplateAction, previewTemplateAction, updateTemplateAction } from "@/app/(console)/console/_actions/templates";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, Textarea } from "@/components/ui/field";
import type { TemplatePreview } from "@/lib/templates/preview-template";

type Props = {
  appId: string;
  appName: string;
  channel: "sms" | "whatsapp";
  locale: string;
  /** the tenant's saved template for this channel and locale, if any */
  template: { id: string; body: string } | null;
  /** the built-in text, shown (and editable as a start) when there is no saved template */
  builtin: string;
  /** the preview of the saved or built-in text, rendered on the server */
  initialPreview: TemplatePreview;
  readOnly: boolean;
};

const VARIABLES = [
  { name: "code", hint: "the one-time code (required)" },
  { name: "app", hint: "the app's name" },
  { name: "name", hint: "the recipient's name, when the send gave one" },
  { name: "ttlMinutes", hint: "minutes until the code expires" },
] as const;

/**
 * The template editor: the body, the variables, and a live preview rendered by the same code that
 * sends (lib/templates via a server action), with the SMS encoding and segment count as you type.
 */
export function TemplateEditor({ appId, appName, channel, locale, template, builtin, initialPreview, readOnly }: Props) {
  const router = useRouter();
  const [body, setBody] = useState(template?.body ?? builtin);
  const [preview, setPreview] = useState<TemplatePreview>(initialPreview);
  // a refusal belongs to the text it was about: it disappears when the text changes back
  const [refusal, setRefusal] = useState<{ body: string; error: string } | null>(null);
  const problems = refusal && refusal.body === body ? refusal.error : null;
  const [saving, startSaving] = useTransition();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const request = useRef(0);
  const saved = template?.body ?? builtin;
  const dirty = body !== saved;

  // The text the preview shows now: the server rendered the saved (or built-in) one.
  const previewed = useRef(saved);
  useEffect(() => {
    if (body === previewed.current) return;
    const id = ++request.current;
    const timer = setTimeout(async () => {
      const result = await previewTemplateAction(appId, { channel, locale, body });
      if (id !== request.current) return; // a newer keystroke already asked
      if (result.ok) {
        previewed.current = body;
        setPreview(result.data);
        setRefusal(null);
      } else {
        setRefusal({ body, error: result.error });
      }
    }, 200);
    return () => clearTimeout(timer);
  }, [body, appId, channel, locale]);

  function insert(name: string) {
    const el = textarea.current;
    const token = `{{${name}}}`;
    if (!el) return setBody((b) => b + token);
    const start = el.selectionStart ?? body.length;
    const end = el.selectionEnd ?? body.length;
    const next = body.slice(0, start) + token + body.slice(end);
    setBody(next);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  }

  function save() {
    startSaving(async () => {
      const result = template
        ? await updateTemplateAction(appId, template.id, { body })
        : await createTemplateAction(appId, { channel, locale, body });
      if (result.ok) {
        toast.success(`Saved: ${channel === "sms" ? "SMS" : "WhatsApp"} messages in ${locale} now use this text.`);
        router.refresh();
      } else {
        setRefusal({ body, error: result.error });
        toast.error(result.error);
      }
    });
  }

  async function remove() {
    if (!template) return;
    const result = await deleteTemplateAction(appId, template.id);
    if (result.ok) {
      toast.success(`Deleted: ${locale} messages use the built-in text again.`);
      router.refresh();
    } else toast.error(result.error);
  }

  const sms = channel === "sms";
  const costly = sms && (preview.segments ?? 0) > 1;
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
      <div className="min-w-0 space-y-4">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="text-base font-semibold text-slate-950 dark:text-white">
            {sms ? "SMS" : "WhatsApp"} · <span className="font-mono">{locale}</span>
          </h2>
          {template ? <Badge tone="brand">Your template</Badge> : <Badge>Built-in text</Badge>}
          {dirty && <Badge tone="amber">Unsaved changes</Badge>}
        </div>
        {!template && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {appName} has no {sms ? "SMS" : "WhatsApp"} template for {locale}: sends use the built-in text below. Edit it and save to make it yours.
          </p>
        )}
        <Field
          label="Message body"
          hint={readOnly ? "Your role can read templates but not change them." : "Variables are replaced when the message is sent. {{code}} is required."}
          error={problems ?? undefined}
        >
          {(control) => (
            <Textarea
              {...control}
              ref={textarea}
              rows={6}
              value={body}
              readOnly={readOnly}
              onChange={(e) => setBody(e.target.value)}
              className="font-mono text-[13px] leading-6"
              spellCheck={false}
            />
          )}
        </Field>
        {!readOnly && (
          <div>
            <p className="text-xs font-medium text-slate-700 dark:text-slate-300" id="variables-label">Insert a variable</p>
            <div role="group" aria-labelledby="variables-label" className="mt-1.5 flex flex-wrap gap-2">
              {VARIABLES.map((v) => (
                <Button key={v.name} variant="secondary" size="sm" onClick={() => insert(v.name)} title={v.hint}>
                  <code className="font-mono text-xs">{`{{${v.name}}}`}</code>
                  <span className="sr-only">: {v.hint}</span>
                </Button>
              ))}
            </div>
          </div>
        )}
        {!readOnly && (
          <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-4 dark:border-slate-800">
            <Button onClick={save} disabled={saving || (!dirty && Boolean(template))}>
              <Save aria-hidden="true" className="size-4" />
              {saving ? "Saving…" : template ? "Save changes" : "Save as this app's template"}
            </Button>
            {dirty && (
              <Button variant="ghost" onClick={() => setBody(saved)}>
                Discard changes
              </Button>
            )}
            {template && (
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" className="text-red-700 sm:ml-auto dark:text-red-400">
                    <Trash2 aria-hidden="true" className="size-4" /> Delete template
                  </Button>
                }
                title={`Delete the ${locale} ${sms ? "SMS" : "WhatsApp"} template?`}
                description="Sends in this locale go back to the built-in text at once. The change is written to the audit log."
                confirmLabel="Delete template"
                onConfirm={remove}
              />
            )}
          </div>
        )}
      </div>
      <aside aria-label="Preview" className="min-w-0">
        <div className="rounded-2xl border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-950">
          <p className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Preview</p>
          <div
            data-testid="template-preview"
            aria-live="polite"
            className={`mt-3 rounded-2xl rounded-bl-sm px-3.5 py-2.5 text-sm leading-6 whitespace-pre-wrap break-words shadow-sm ${sms ? "bg-white text-slate-900 dark:bg-slate-800 dark:text-slate-100" : "bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50"}`}
          >
            {preview.body}
          </div>
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Sample values: a code of the app&apos;s length, the app&apos;s name and code lifetime.</p>
          <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
            {sms && (
              <>
                <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
                  <dt className="text-xs text-slate-600 dark:text-slate-400">Segments</dt>
                  <dd data-testid="template-segments" className={`text-xl font-semibold tabular-nums ${costly ? "text-amber-700 dark:text-amber-400" : "text-slate-950 dark:text-white"}`}>
                    {preview.segments}
                  </dd>
                </div>
                <div className="rounded-lg bg-white p-3 ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
                  <dt className="text-xs text-slate-600 dark:text-slate-400">Encoding</dt>
                  <dd data-testid="template-encoding" className="text-xl font-semibold text-slate-950 dark:text-white">{preview.encoding}</dd>
                </div>
              </>
            )}
            <div className="col-span-2 rounded-lg bg-white p-3 ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
              <dt className="text-xs text-slate-600 dark:text-slate-400">Characters</dt>
              <dd className="text-xl font-semibold text-slate-950 tabular-nums dark:text-white">{preview.characters}</dd>
            </div>
          </dl>
          {costly && (
            <p className="mt-3 flex gap-2 text-xs text-amber-800 dark:text-amber-300">
              <AlertTriangle aria-hidden="true" className="size-4 shrink-0" />
              Each segment is billed as one SMS: this message costs {preview.segments}×.
              {preview.encoding === "UCS-2" ? " Characters outside GSM-7 (emoji, some accents) cut a segment from 153 to 67 characters." : ""}
            </p>
          )}
        </div>
      </aside>
    </div>
  );
}
