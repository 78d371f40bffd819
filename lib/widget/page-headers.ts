import type { App } from "@/lib/generated/prisma/client";

/**
 * Headers of a widget page. `frame-ancestors` lists the app's allowed origins (`'none'` when there
 * are none: the page still works opened directly, as a preview). The rest keeps the page to its
 * own script, stylesheet and API: no inline script, nothing from elsewhere.
 */
export function widgetPageHeaders(app: Pick<App, "allowedOrigins"> | null): Headers {
  const ancestors = app && app.allowedOrigins.length > 0 ? app.allowedOrigins.join(" ") : "'none'";
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
  return new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": csp,
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "otp-credentials=(self)",
  });
}
