import type { Metadata } from "next";
import { CodeBlock } from "@/components/ui/code-block";
import { baseUrl } from "@/lib/config/env";
import { findDemoPublishableKey } from "@/lib/widget/demo-key";
import { WIDGET_LOCALES } from "@/lib/widget/locales";
import { WidgetDemo } from "./widget-demo";

export const metadata: Metadata = {
  title: "Verification widget",
  description: "Embed OTPilot's hosted phone verification in any web page and check its signed token on your server.",
};

// The demo key and the base URL are read at request time.
export const dynamic = "force-dynamic";

const options = [
  { name: "publishableKey", attr: "data-publishable-key", what: "Required. The app's publishable key, otppk_test_… or otppk_live_…." },
  { name: "locale", attr: "data-locale", what: "A BCP 47 tag. Default: the visitor's browser languages, then the app's default locale." },
  { name: "phone", attr: "data-phone", what: "Prefills the number, e.g. +14155550123 (the country is taken from it)." },
  { name: "nonce", attr: "data-nonce", what: "Your own random value, bound into the token; pass it again when you redeem." },
  { name: "theme", attr: "data-theme", what: "light, dark or auto (default: follows the visitor's system setting)." },
  { name: "onReady()", attr: "event otpilot:ready", what: "The widget is shown." },
  { name: "onVerified(result)", attr: "event otpilot:verified", what: "{ token, verificationId, recipient }: send the token to your server." },
  { name: "onError(error)", attr: "event otpilot:error", what: "{ code, message }: shown to the visitor already; for your analytics." },
];

export default async function WidgetDocsPage() {
  const base = baseUrl();
  const demoKey = await findDemoPublishableKey().catch(() => null);

  const scriptSnippet = `<div id="verify-phone"></div>
<script src="${base}/widget.js"
        data-publishable-key="otppk_test_…"
        data-target="#verify-phone"
        data-nonce="<a random value from your server>"
        async></script>
<script>
  document.addEventListener("otpilot:verified", (event) => {
    // event.detail = { token, verificationId, recipient }
    fetch("/verify-phone", { method: "POST", body: JSON.stringify({ token: event.detail.token }) });
  });
</script>`;

  const mountSnippet = `<script src="${base}/widget.js" async></script>
<script>
  window.addEventListener("load", () => {
    const widget = OTPilot.mount(document.getElementById("verify-phone"), {
      publishableKey: "otppk_test_…",
      locale: "pt-BR",
      theme: "auto",
      nonce: sessionNonce,
      onVerified: ({ token }) => submitToken(token),
      onError: ({ code, message }) => console.info(code, message),
    });
    // later: widget.unmount();
  });
</script>`;

  const nodeSnippet = `// POST /verify-phone on your server (Node 18+): redeem the token once.
app.post("/verify-phone", async (req, res) => {
  const r = await fetch("${base}/api/v1/tokens/verify", {
    method: "POST",
    headers: { Authorization: \`Bearer \${process.env.OTPILOT_SECRET}\`, "Content-Type": "application/json" },
    body: JSON.stringify({ token: req.body.token, nonce: req.session.nonce }),
  });
  if (!r.ok) return res.status(400).json(await r.json()); // 422 invalid_token, 409 token_used
  const { recipient } = await r.json(); // the verified number, E.164
  res.json({ verified: recipient });
});`;

  const cspSnippet = `Content-Security-Policy:
  script-src 'self' ${base};
  frame-src ${base};
  connect-src 'self'`;

  const appSnippet = `curl -X PATCH ${base}/api/v1/apps/app_… \\
  -H "Authorization: Bearer $OTPILOT_LIVE_SECRET" -H "Content-Type: application/json" \\
  -d '{"allowedOrigins": ["https://shop.example"], "allowedCountries": ["US", "BR"]}'`;

  return (
    <article className="docs-prose max-w-3xl">
      <p className="text-sm font-semibold text-brand-700">Guide</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-950 sm:text-4xl">Verification widget</h1>
      <p className="mt-4 text-lg leading-8 text-slate-600">
        Drop one script into your page and OTPilot asks for the phone number, sends the code, checks it and hands your page a
        signed, single-use token. Your server redeems the token once — no OTP code of your own to write.
      </p>

      <h2 id="demo" className="mt-12 text-2xl font-semibold text-slate-950">Try it</h2>
      {demoKey ? (
        <div className="mt-4">
          <WidgetDemo publishableKey={demoKey} />
        </div>
      ) : (
        <p className="mt-4 text-slate-700">
          The live demo needs a test app that allows this server&apos;s origin ({new URL(base).origin}); the demo tenant a fresh
          server creates has one.
        </p>
      )}

      <h2 id="embed" className="mt-12 text-2xl font-semibold text-slate-950">1. Allow your origin</h2>
      <p className="mt-4 text-slate-700">
        The widget only runs on pages whose origin is in the app&apos;s <code>allowedOrigins</code> (scheme, host and port). Its
        country list follows <code>allowedCountries</code>; the channels it offers follow <code>channels</code>.
      </p>
      <CodeBlock className="mt-4" title="Terminal" language="bash" code={appSnippet} />

      <h2 className="mt-12 text-2xl font-semibold text-slate-950">2. Embed it</h2>
      <p className="mt-4 text-slate-700">
        One tag renders the widget where it stands, or into <code>data-target</code>. <code>/widget.js</code> is under 5 KB
        gzipped; everything the widget loads is under 50 KB.
      </p>
      <CodeBlock className="mt-4" title="index.html" language="html" code={scriptSnippet} />
      <p className="mt-4 text-slate-700">Or mount it yourself:</p>
      <CodeBlock className="mt-4" title="index.html" language="html" code={mountSnippet} />

      <h3 className="mt-8 text-lg font-semibold text-slate-950">Options and events</h3>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-slate-900">
              <th className="py-2 pr-4 font-semibold">mount() option</th>
              <th className="py-2 pr-4 font-semibold">script tag / DOM event</th>
              <th className="py-2 font-semibold">meaning</th>
            </tr>
          </thead>
          <tbody>
            {options.map((o) => (
              <tr key={o.name} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4"><code>{o.name}</code></td>
                <td className="py-2 pr-4"><code>{o.attr}</code></td>
                <td className="py-2 text-slate-700">{o.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-4 text-slate-700">
        Events bubble from the widget&apos;s container. The loader accepts messages only from its own iframe and OTPilot&apos;s
        origin, and the widget posts the token only to the page origin it was embedded by. Languages: {WIDGET_LOCALES.join(", ")}{" "}
        (Arabic and Hebrew right to left); the SMS goes out in the same language. On Android Chrome the code fills itself in
        from the SMS (WebOTP).
      </p>

      <h2 id="token" className="mt-12 text-2xl font-semibold text-slate-950">3. Check the token on your server</h2>
      <p className="mt-4 text-slate-700">
        The token is an ES256 JWT (<code>iss</code> this server, <code>aud</code> the app, <code>sub</code> the number,{" "}
        <code>jti</code> the verification, <code>origin</code>, <code>nonce</code>, <code>mode</code>), valid for 5 minutes.
        Redeem it with your secret key: it answers 200 exactly once; again, <code>409 token_used</code>; a forged, expired,
        foreign, other-mode or wrong-nonce token, <code>422 invalid_token</code> with a <code>reason</code>.
      </p>
      <CodeBlock className="mt-4" title="server.js" language="js" code={nodeSnippet} />
      <p className="mt-4 text-slate-700">
        The public keys are at <code>{base}/.well-known/jwks.json</code> if you also want to check signatures yourself; a
        redemption through the API is still what makes a token single-use.
      </p>

      <h2 id="csp" className="mt-12 text-2xl font-semibold text-slate-950">Content Security Policy</h2>
      <p className="mt-4 text-slate-700">
        If your page sends a CSP, allow OTPilot&apos;s script and frame. The widget itself only lets the origins in{" "}
        <code>allowedOrigins</code> frame it (<code>frame-ancestors</code>), and opened on its own it works as a preview that
        posts nothing.
      </p>
      <CodeBlock className="mt-4" title="Your page's CSP" language="http" code={cspSnippet} />
    </article>
  );
}
