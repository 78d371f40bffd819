"use client";

import { useEffect, useRef, useState } from "react";

type Verified = { token: string; verificationId: string; recipient: string };
type OTPilotGlobal = {
  mount: (
    element: HTMLElement,
    options: { publishableKey: string; theme?: string; onVerified?: (r: Verified) => void; onError?: (e: { code: string; message: string }) => void },
  ) => { unmount(): void };
};

/** The live demo: the real loader, mounted with the demo app's test publishable key. */
export function WidgetDemo({ publishableKey }: { publishableKey: string }) {
  const target = useRef<HTMLDivElement>(null);
  const [verified, setVerified] = useState<Verified | null>(null);

  useEffect(() => {
    let mounted: { unmount(): void } | undefined;
    let cancelled = false;
    const start = () => {
      const otpilot = (window as unknown as { OTPilot?: OTPilotGlobal }).OTPilot;
      if (cancelled || !otpilot || !target.current) return;
      mounted = otpilot.mount(target.current, { publishableKey, onVerified: setVerified });
    };
    if ((window as unknown as { OTPilot?: OTPilotGlobal }).OTPilot) start();
    else {
      const script = document.createElement("script");
      script.src = "/widget.js";
      script.async = true;
      script.onload = start;
      document.body.appendChild(script);
    }
    return () => {
      cancelled = true;
      mounted?.unmount();
    };
  }, [publishableKey]);

  return (
    <div className="grid gap-6 rounded-2xl border border-slate-200 bg-slate-50 p-4 sm:p-6 md:grid-cols-2">
      <div ref={target} aria-label="Widget demo" role="region" />
      <div className="text-sm text-slate-700">
        <p className="font-semibold text-slate-900">What your page receives</p>
        {verified ? (
          <div aria-live="polite">
            <p className="mt-2">
              <code>onVerified</code> was called for <strong>{verified.recipient}</strong> ({verified.verificationId}). Send this token
              to your server and redeem it once:
            </p>
            <pre className="mt-2 max-h-40 overflow-auto rounded-lg bg-slate-950 p-3 text-xs break-all whitespace-pre-wrap text-slate-100">
              {verified.token}
            </pre>
          </div>
        ) : (
          <p className="mt-2" aria-live="polite">
            Type any valid number: this demo uses a test key, so the code goes to the outbox (read it in the console or with
            <code> GET /api/v1/outbox</code>), never to a phone.
          </p>
        )}
      </div>
    </div>
  );
}
