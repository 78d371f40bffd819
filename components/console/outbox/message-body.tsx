/**
 * A message body with its code picked out: a run of 4–10 digits or capitals containing a digit
 * (what OTPilot codes look like). The WebOTP line's `#code` is highlighted too, which is right.
 */
const CODE = /(?<![\w])((?=[0-9A-Z]*\d)[0-9A-Z]{4,10})(?![\w])/g;

export function MessageBody({ body }: { body: string }) {
  const parts = body.split(CODE);
  return (
    <p className="text-sm leading-6 whitespace-pre-wrap break-words text-slate-800 dark:text-slate-200">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} data-testid="outbox-code" className="rounded bg-brand-100 px-1 font-mono font-semibold text-brand-900 dark:bg-brand-900 dark:text-brand-100">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </p>
  );
}
