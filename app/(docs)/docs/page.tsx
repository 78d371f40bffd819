import type { Metadata } from "next";
import Link from "next/link";
import { docsSections } from "@/components/docs-nav";
import { CodeBlock } from "@/components/ui/code-block";

export const metadata: Metadata = {
  title: "Guide",
  description:
    "Start OTPilot, send and verify a code, authenticate, handle errors and test without a provider.",
};

const base = "http://localhost:3000";

const startSample = `npm install
npm run dev
# OTPilot prints the console URL and how to sign in.

# Create a tenant with a default app and its keys:
npm run cli -- tenant:create --name "Acme" --json`;

const tenantOutput = `{
  "tenantId": "ten_…",
  "appId": "app_…",
  "keys": {
    "live": { "keyId": "key_…", "secret": "otpsk_live_…" },
    "test": { "keyId": "key_…", "secret": "otpsk_test_…" }
  },
  "publishableKeys": { "live": "otppk_live_…", "test": "otppk_test_…" }
}`;

const sendSample = `curl ${base}/api/v1/otp/send \\
  -H "Authorization: Bearer $OTPILOT_SECRET" \\
  -H "Content-Type: application/json" \\
  -d '{"recipient":"+14155550123"}'`;

const sendResponse = `HTTP/1.1 201 Created
{
  "id": "ver_…",
  "appId": "app_…",
  "recipient": "+14155550123",
  "channel": "sms",
  "status": "pending",
  "attempts": 0,
  "maxAttempts": 5,
  "expiresAt": "…",
  "resendAvailableAt": "…",
  "delivery": { "status": "queued", "channel": "sms", "provider": "outbox", "updatedAt": "…" }
}`;

const outboxSample = `curl "${base}/api/v1/outbox?recipient=%2B14155550123&limit=1" \\
  -H "Authorization: Bearer $OTPILOT_SECRET"

# → {"data":[{"id":"…","to":"+14155550123","channel":"sms",
#            "body":"Your Acme code is 123456","createdAt":"…","verificationId":"ver_…"}]}`;

const verifySample = `curl ${base}/api/v1/otp/verify \\
  -H "Authorization: Bearer $OTPILOT_SECRET" \\
  -H "Content-Type: application/json" \\
  -d '{"id":"ver_…","code":"123456"}'

# → 200 {"valid":true,"verification":{"id":"ver_…","status":"approved", …}}`;

const authSample = `# bearer
curl ${base}/api/v1/otp/list -H "Authorization: Bearer otpsk_test_…"

# key id + secret pair
curl ${base}/api/v1/otp/list -H "X-API-Key: key_…" -H "X-API-Secret: otpsk_test_…"

# basic
curl ${base}/api/v1/otp/list -u "key_…:otpsk_test_…"

# single header
curl ${base}/api/v1/otp/list -H "X-API-Key: otpsk_test_…"`;

const problemSample = `HTTP/1.1 422 Unprocessable Content
Content-Type: application/problem+json

{
  "type": "…",
  "title": "Invalid code",
  "status": 422,
  "detail": "The code is not correct.",
  "code": "invalid_code",
  "attemptsRemaining": 4
}`;

const authForms = [
  { form: "Bearer", headers: "Authorization: Bearer <secret>" },
  { form: "Key and secret pair", headers: "X-API-Key: <keyId> and X-API-Secret: <secret>" },
  { form: "Basic", headers: "Authorization: Basic base64(<keyId>:<secret>)" },
  { form: "Single header", headers: "X-API-Key: <secret>" },
];

const errorCodes = [
  {
    status: 400,
    code: "invalid_request",
    when: "The body or query fails validation; errors lists the field paths.",
  },
  {
    status: 400,
    code: "invalid_phone_number",
    when: "The number is not valid and dialable after normalisation.",
  },
  {
    status: 401,
    code: "unauthorized",
    when: "The credential is missing, malformed, unknown, revoked or expired.",
  },
  {
    status: 403,
    code: "forbidden",
    when: "The key is restricted to other apps, or is a live key on the outbox.",
  },
  { status: 404, code: "not_found", when: "Unknown id, or an id that belongs to another tenant." },
  { status: 409, code: "already_verified", when: "The verification was already approved." },
  { status: 410, code: "expired", when: "The verification expired (also canceled and failed)." },
  { status: 413, code: "payload_too_large", when: "The body is over 16 KiB." },
  { status: 422, code: "invalid_code", when: "Wrong code; the body says how many attempts remain." },
  { status: 422, code: "channel_unavailable", when: "The channel is not configured for the app." },
  { status: 429, code: "rate_limited", when: "A rate limit applied; wait Retry-After seconds." },
  { status: 429, code: "too_many_attempts", when: "Too many wrong codes; the verification is now failed." },
  { status: 405, code: "method_not_allowed", when: "The path does not take that method; the Allow header lists those it takes." },
  {
    status: 503,
    code: "unavailable",
    when: "A dependency is down or restarting; nothing was half-done, retry after Retry-After seconds.",
  },
];

// The magic numbers of lib/delivery/test-numbers.ts.
const testNumbers = [
  { number: "+61491570006", what: "Every delivery fails permanently: delivery.status failed, event message.failed." },
  { number: "+61491570156", what: "The first try fails with a temporary error; the automatic retry is delivered." },
  { number: "+61491570157", what: "The first channel fails; with channel \"auto\" the next channel delivers." },
  { number: "+61491570158", what: "Messages are sent but never delivered; \"auto\" falls back after the receipt timeout, with the same code." },
];

export default function DocsGuidePage() {
  const guideLinks = docsSections[0]?.links ?? [];
  return (
    <article className="docs-prose max-w-3xl">
      <p className="text-sm font-semibold text-brand-700">Guide</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-950 sm:text-4xl">
        Verify a phone number with OTPilot
      </h1>
      <p className="mt-4 text-lg leading-8 text-slate-600">
        OTPilot sends a one-time code to a phone number by SMS or WhatsApp and tells you whether the code your
        user typed is right. This guide takes you from a fresh server to a verified number in five commands,
        then explains how requests authenticate, what errors look like and how to test without sending real
        messages.
      </p>

      <nav
        aria-label="On this page"
        className="mt-8 rounded-xl border border-slate-200 bg-slate-50 p-4 lg:hidden"
      >
        <p className="text-sm font-semibold text-slate-900">On this page</p>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          {guideLinks.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="text-brand-700 hover:underline">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <h2 id="quick-start">Quick start</h2>
      <h3>1. Start a server and create a tenant</h3>
      <p>
        With no configuration OTPilot runs on an embedded database in <code>.data/</code>, limits rates
        in-process and delivers every message to the outbox. Set <code>DATABASE_URL</code> for PostgreSQL and{" "}
        <code>UPSTASH_REDIS_REST_URL</code> with <code>UPSTASH_REDIS_REST_TOKEN</code> for shared rate limits
        when you deploy.
      </p>
      <CodeBlock title="Terminal" language="bash" code={startSample} />
      <p>
        The command prints your tenant, its default app and one key of each mode. Secrets are shown only once;
        OTPilot keeps a hash of them. Export the test secret for the next steps:{" "}
        <code>export OTPILOT_SECRET=otpsk_test_…</code>
      </p>
      <CodeBlock title="tenant:create --json" language="json" code={tenantOutput} />

      <h3>2. Send a code</h3>
      <p>
        Give the number with its country code. Spaces, dashes, dots and brackets are ignored, so{" "}
        <code>+1 (415) 555-0123</code> works too. When your tenant has one app you can leave out{" "}
        <code>appId</code>.
      </p>
      <CodeBlock title="Send" language="bash" code={sendSample} />
      <CodeBlock title="Response" language="http" code={sendResponse} />
      <p>
        Keep the <code>id</code>. The code itself is never in a response: it goes only to the phone, or, with
        a test key, to the outbox. Add an <code>Idempotency-Key</code> header to make retries safe.
      </p>

      <h3>3. Read the code from the outbox</h3>
      <p>With a test key nothing reaches a real phone; the message waits in the outbox instead.</p>
      <CodeBlock title="Outbox" language="bash" code={outboxSample} />

      <h3>4. Verify it</h3>
      <CodeBlock title="Verify" language="bash" code={verifySample} />
      <p>
        A code works once. A wrong code answers <code>422 invalid_code</code> with{" "}
        <code>attemptsRemaining</code>; after the last allowed attempt the verification fails and you send a
        new one. You can also verify by recipient instead of id:{" "}
        <code>{`{"recipient":"+14155550123","code":"123456"}`}</code> checks that number&apos;s newest pending
        verification.
      </p>

      <h2 id="authentication">Authentication</h2>
      <p>
        Every request to <code>/api/v1/*</code> carries a secret API key. Secrets start with{" "}
        <code>otpsk_live_</code> or <code>otpsk_test_</code> and are self-identifying, so a single string is
        enough; you may also send the public key id with it. Use whichever of these four forms your HTTP
        client makes easiest. Header names are case-insensitive.
      </p>
      <div className="table-wrap overflow-x-auto">
        <table>
          <caption className="sr-only">Accepted authentication header forms</caption>
          <thead>
            <tr>
              <th scope="col">Form</th>
              <th scope="col">Headers</th>
            </tr>
          </thead>
          <tbody>
            {authForms.map((row) => (
              <tr key={row.form}>
                <td className="whitespace-nowrap">{row.form}</td>
                <td>
                  <code>{row.headers}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CodeBlock title="The same request, four ways" language="bash" code={authSample} />
      <p>
        A missing, malformed, unknown, revoked or expired key answers <code>401 unauthorized</code> without
        saying which, so the answer does not help anyone guess. A key restricted to other apps answers{" "}
        <code>403 forbidden</code>. Publishable keys (<code>otppk_…</code>) identify an app to the browser
        widget; they are not secret and are refused on <code>/api/v1/*</code>.
      </p>

      <h2 id="errors">Errors</h2>
      <p>
        Every error is an RFC 9457 problem document with the content type{" "}
        <code>application/problem+json</code>. Branch on <code>code</code>, which never changes; show{" "}
        <code>detail</code> to developers, since it says what to fix. Bad input of any kind answers 4xx, never
        500.
      </p>
      <CodeBlock title="A wrong code" language="http" code={problemSample} />
      <div className="table-wrap overflow-x-auto">
        <table>
          <caption className="sr-only">Error codes</caption>
          <thead>
            <tr>
              <th scope="col">Status and code</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {errorCodes.map((row) => (
              <tr key={row.code}>
                <td className="whitespace-nowrap">
                  <span className="mr-2 tabular-nums">{row.status}</span>
                  <code>{row.code}</code>
                </td>
                <td>{row.when}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Every <code>/api/v1</code> response — errors, <code>OPTIONS</code>, <code>404</code>/<code>405</code> and
        the OpenAPI document included — carries <code>X-Request-Id</code> and <code>RateLimit-Limit</code>,{" "}
        <code>RateLimit-Remaining</code> and <code>RateLimit-Reset</code> (seconds) for the tightest limit that
        applied: your key&apos;s when the request carries a valid one, else the per-address limit for requests
        without a key. The fields follow{" "}
        <a href="https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/06/">
          draft-ietf-httpapi-ratelimit-headers-06
        </a>
        . A <code>429</code> adds <code>Retry-After</code> in seconds and <code>retryAfter</code> in the body, and
        its RateLimit-* fields describe the limit that refused it (a resend cooldown: limit 1, remaining 0), with{" "}
        <code>RateLimit-Reset</code> never earlier than <code>Retry-After</code>. A <code>503</code> carries{" "}
        <code>Retry-After</code> too; a request refused because our database was down is never counted against
        you.
      </p>
      <p>
        Text fields refuse a NUL character (<code>\u0000</code>) or a lone UTF-16 surrogate, and request bodies
        nest at most 20 levels deep: <code>400 invalid_request</code> naming the field, before any rate limit is
        spent. Phone numbers and codes accept digits of any script (Arabic-Indic, Devanagari, full-width…) and the
        full-width plus sign; a national number may start with its trunk <code>0</code> or with the international
        prefix (<code>0044…</code>, <code>011…</code>), whichever spelling of <code>countryCode</code> you give.
      </p>

      <h2 id="test-mode">Test mode and outbox</h2>
      <p>
        Every tenant gets keys in two modes. Test keys (<code>otpsk_test_…</code>, <code>otppk_test_…</code>)
        run the whole flow, with the same validation, limits and errors, but never reach a real provider:
        their messages go to the outbox. Live keys use the SMS and WhatsApp providers configured for the app;
        with none configured, a live send answers <code>422 channel_unavailable</code>.
      </p>
      <ul>
        <li>
          <code>GET /api/v1/outbox?recipient=…&amp;limit=…</code> lists the messages test sends produced,
          newest first (up to 100, default 20), with <code>id</code>, <code>to</code>, <code>channel</code>,{" "}
          <code>body</code>, <code>createdAt</code> and <code>verificationId</code>.
        </li>
        <li>
          Only test keys can read it; a live key answers <code>403</code>.
        </li>
        <li>
          Your own integration tests can read codes from it, so they exercise the real API end to end without
          an SMS bill. The console shows the same outbox.
        </li>
      </ul>
      <h3 id="test-numbers">Magic test numbers</h3>
      <p>
        With a test key, these numbers misbehave on purpose so you can test your error handling and channel
        fallback. They are Australian mobile numbers reserved for fiction, so no one owns them. Their messages
        go through the delivery queue like live ones: the send answers <code>delivery.status</code>{" "}
        <code>queued</code>, then it changes as described.
      </p>
      <div className="table-wrap overflow-x-auto">
        <table>
          <caption className="sr-only">Magic test numbers</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">What happens</th>
            </tr>
          </thead>
          <tbody>
            {testNumbers.map((row) => (
              <tr key={row.number}>
                <td className="whitespace-nowrap">
                  <code>{row.number}</code>
                </td>
                <td>{row.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="delivery">Delivery and providers</h2>
      <p>
        A live send stores the verification and a delivery job in one transaction and answers at once with{" "}
        <code>delivery.status</code> <code>queued</code>. A worker then hands the message to the app&apos;s provider:
        Twilio for SMS, Meta&apos;s WhatsApp Cloud API for WhatsApp (your authentication template, with the code in
        its body and its copy-code button), or your own HTTP gateway. The status moves to <code>sent</code> when the
        provider accepts the message and <code>delivered</code> or <code>failed</code> when its receipt arrives,
        with the events <code>message.sent</code>, <code>message.delivered</code> and <code>message.failed</code>.
      </p>
      <ul>
        <li>
          Temporary provider errors (timeouts, <code>429</code>, <code>5xx</code>) are retried with exponential
          backoff and jitter; permanent ones (an invalid number, bad credentials) are not.
        </li>
        <li>
          With <code>&quot;channel&quot;: &quot;auto&quot;</code> a message that fails, or gets no delivery receipt in time
          (60 s by default, <code>OTPILOT_DELIVERY_RECEIPT_TIMEOUT</code>), is sent on the app&apos;s next channel with
          the same code. A late receipt from the first channel never causes another send.
        </li>
        <li>
          Receipts: Twilio calls <code>{`${base}/api/callbacks/twilio`}</code> by itself (we set it on each
          message). For WhatsApp, subscribe your Meta app&apos;s <code>messages</code> webhook to{" "}
          <code>{`${base}/api/callbacks/whatsapp?app=<appId>`}</code> and set the app&apos;s{" "}
          <code>providers.whatsapp.appSecret</code> (receipts are signed with it) and <code>verifyToken</code> (for
          the subscription handshake, which needs <code>?app=</code>). Unsigned or wrongly signed receipts, and
          receipts for unknown messages, are refused with <code>403</code>; bodies over 64 KiB with{" "}
          <code>413</code>; each client IP may send 3,000 callbacks a minute.
        </li>
        <li>
          An HTTP gateway (<code>providers.http</code>: <code>url</code>, <code>secret</code>) receives{" "}
          <code>{`{"type": "message.send", "data": {"id", "to", "channel", "body", "code", "locale", …}}`}</code>, signed
          like webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>). The{" "}
          <code>webhook-id</code> is the same on every retry of a message, so drop repeats; answer any <code>2xx</code>{" "}
          to accept.
        </li>
      </ul>
      <p>
        Next: the <Link href="/docs/api">API reference</Link> lists every endpoint and field.
      </p>
    </article>
  );
}
