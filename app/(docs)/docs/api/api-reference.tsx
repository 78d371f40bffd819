"use client";

import { useEffect, useRef, useState } from "react";

type ScalarApp = { destroy?: () => void };
type ScalarGlobal = {
  createApiReference: (element: HTMLElement, config: Record<string, unknown>) => ScalarApp;
};

declare global {
  interface Window {
    Scalar?: ScalarGlobal;
  }
}

const SCRIPT_SRC = "/docs/api/scalar.js";

let scriptLoading: Promise<ScalarGlobal> | undefined;

function loadScalar(): Promise<ScalarGlobal> {
  scriptLoading ??= new Promise((resolve, reject) => {
    if (window.Scalar) return resolve(window.Scalar);
    const script = document.createElement("script");
    script.src = SCRIPT_SRC;
    script.async = true;
    script.onload = () => (window.Scalar ? resolve(window.Scalar) : reject(new Error("Scalar did not load")));
    script.onerror = () => {
      scriptLoading = undefined; // let a later visit retry
      reject(new Error("Scalar did not load"));
    };
    document.head.appendChild(script);
  });
  return scriptLoading;
}

// Our brand and fonts instead of Scalar's defaults (which would load fonts from their servers).
// Scalar picks its column count from the viewport, but here it gets the docs column, not the
// whole window: an operation's details, response and code sample stack instead of squeezing.
const customCss = `
  .scalar-app, .light-mode {
    --scalar-font: var(--font-sans);
    --scalar-font-code: var(--font-mono);
    --scalar-color-accent: var(--color-brand-700);
    --scalar-background-accent: var(--color-brand-50);
  }
  .otpilot-api-reference .endpoint-content {
    grid-auto-flow: row;
  }
`;

/** Scalar's interactive reference of the OpenAPI document at `url`, mounted in place. */
export function ApiReference({ url }: { url: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let app: ScalarApp | undefined;
    let cancelled = false;
    loadScalar()
      .then((scalar) => {
        if (cancelled || !container.current) return;
        app = scalar.createApiReference(container.current, {
          url,
          layout: "classic",
          theme: "default",
          forceDarkModeState: "light",
          hideDarkModeToggle: true,
          withDefaultFonts: false,
          telemetry: false,
          // Scalar's AI agent talks to Scalar's servers: not on a self-hosted instance.
          agent: { disabled: true },
          hideClientButton: false,
          showDeveloperTools: "never",
          documentDownloadType: "json",
          defaultOpenAllTags: true,
          orderSchemaPropertiesBy: "preserve",
          customCss,
        });
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      app?.destroy?.();
    };
  }, [url]);

  if (failed) {
    return (
      <p role="alert" className="mt-8 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        The interactive reference could not load. The OpenAPI document itself is at{" "}
        <a href={url} className="font-medium underline underline-offset-4">
          {url}
        </a>
        .
      </p>
    );
  }
  return <div ref={container} className="otpilot-api-reference mt-10 min-h-96" />;
}
