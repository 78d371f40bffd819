import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { CodeBlock } from "@/components/ui/code-block";
import { bitsPerCharacter, CODE_ALPHABET_NAMES, CODE_ALPHABETS, minCodeLength } from "@/lib/otp/alphabets";

export const metadata: Metadata = {
  title: "Compatibility routes",
  description:
    "Keep a client written for another OTP API: point its base URL at OTPilot's compatibility routes and change only the credential.",
};

type Style = {
  id: string;
  name: string;
  reference: string;
  baseUrl: string;
  credential: string;
  routes: Array<{ theirs: string; native: string }>;
  answers: string;
  differences: string[];
  sample: string;
};

const styles: Style[] = [
  {
    id: "config-otp",
    name: "config-otp",
    reference: "WhatsApp OTP by config id (send with name, mobileNumber, countryCode; verify by the returned id)",
    baseUrl: "{BASE}/compat/config-otp",
    credential: "X-API-KEY: otpsk_…",
    routes: [
      { theirs: "POST /otp/{otp_config_uid}/sendOTP", native: "POST /api/v1/otp/send — the config id is the app id (app_…); name → name, mobileNumber + countryCode → the recipient" },
      { theirs: "POST /otp/{otp_uid}/verifyOTP", native: "POST /api/v1/otp/verify by id — otp → code; mobileNumber + countryCode, when given, must be the verification's number" },
    ],
    answers: '201 {"id","message":"success"} and 200 {"id","message":"success"}; errors {"timestamp","status","error","message","code","path"}',
    differences: [
      "A wrong code answers 403 (the reference's error body); a verification that can no longer be verified (expired, failed, canceled, already verified) answers 410. Other errors keep OTPilot's status codes.",
      "The channel is the app's (WhatsApp when the app lists it first); the ids are OTPilot's (ver_…), not UUIDs.",
    ],
    sample: `curl {BASE}/compat/config-otp/otp/app_…/sendOTP \\
  -H "Content-Type: application/json" -H "X-API-KEY: $OTPILOT_SECRET" \\
  -d '{"name":"Asha","mobileNumber":"11987654321","countryCode":"55"}'
# 201 {"id":"ver_…","message":"success"}`,
  },
  {
    id: "user-auth",
    name: "user-auth",
    reference: "register / verify / resend by phone_number + countryCode, with an authCode and isNewUser",
    baseUrl: "{BASE}/compat/user-auth",
    credential: "user-jwt-token: otpsk_… (the header carries an OTPilot secret key, not a JWT)",
    routes: [
      { theirs: "POST /fe/users/auth/otp/register", native: "POST /api/v1/otp/send — phone_number + countryCode (\"IN\", \"91\" or \"+91\") → the recipient" },
      { theirs: "POST /fe/users/auth/otp/verify", native: "the number's newest pending verification, which the authCode must name, then POST /api/v1/otp/verify — otp → code" },
      { theirs: "POST /fe/users/auth/otp/resend", native: "POST /api/v1/otp/resend of the number's newest pending verification" },
    ],
    answers: '200 {"authCode","isNewUser"}, 200 {"message":"Phone number verified successfully"}; errors {"code","message"} — a refused key is 401 {"code":"UN_AUTHORIZED","message":"UN_AUTHORIZED"}',
    differences: [
      "authCode is an unguessable handle of the verification, not a second short code: 15 digits (about 50 bits) derived from the verification id with the server's secret, so verify needs the number, the handle and the code. Keep the authCode of the newest register or resend answer (resend returns the same one) and send it back as a string or as a number — 15 digits stay exact as a JSON number. The reference's examples show four digits (\"5255\", 1234); ours are longer.",
      "isNewUser is true when the number has never been verified for your tenant (isNewRecipient).",
      "otp may be a string or a number; a number is padded with leading zeros to the code's length (a JSON number cannot carry them).",
      "Other refusals keep OTPilot's status codes with upper-case codes: INVALID_OTP (422, with attemptsRemaining), TOO_MANY_ATTEMPTS, RATE_LIMITED (429 with Retry-After), NOT_FOUND, INVALID_REQUEST (a wrong authCode is a 400 naming authCode, and counts no attempt).",
    ],
    sample: `curl {BASE}/compat/user-auth/fe/users/auth/otp/register \\
  -H "Content-Type: application/json" -H "user-jwt-token: $OTPILOT_SECRET" \\
  -d '{"phone_number":"9876543219","countryCode":"+91"}'
# 200 {"authCode":"482913650127734","isNewUser":true}`,
  },
  {
    id: "multi-channel",
    name: "multi-channel",
    reference: "multi-channel (SMS, WhatsApp) OTP with send, verify, resend and management endpoints, snake_case fields",
    baseUrl: "{BASE}/compat/multi-channel",
    credential: "X-API-Key + X-API-Secret (key id and secret), Basic base64(keyId:secret), Bearer <secret>, or X-API-Key: <secret>",
    routes: [
      { theirs: "POST /otp/send", native: "POST /api/v1/otp/send — appid → appId, recipient, channel; template_id, code_length, external_id, phone_number, country_code are renamed to the native fields; from is accepted and not used" },
      { theirs: "POST /otp/verify", native: "POST /api/v1/otp/verify — verification_id → id, otp_code → code; recipient, when given with the id, must be the verification's" },
      { theirs: "POST /otp/resend", native: "POST /api/v1/otp/resend — verification_id → id" },
      { theirs: "GET /otp/status?verification_id=", native: "GET /api/v1/otp/status" },
      { theirs: "GET /otp/list, /otp/logs, /otp/rate-limits, /otp/attempts, /otp/reports", native: "the native reads, with appid, verification_id, external_id, group_by for their parameters" },
    ],
    answers: 'every answer has "success"; the native objects with snake_case keys (verification_id, expires_at, send_count…); errors {"success":false,"error":{"code","message",…}}',
    differences: [
      "Status codes are OTPilot's (200 for send and verify, 422 for a wrong code with valid:false, 429 with Retry-After, …).",
      "Field paths in validation errors use the native names (codeLength, not code_length).",
      "metadata is echoed exactly as given (its keys are not renamed).",
    ],
    sample: `curl {BASE}/compat/multi-channel/otp/send \\
  -H "X-API-Key: $OTPILOT_KEY_ID" -H "X-API-Secret: $OTPILOT_SECRET" \\
  -H "Content-Type: application/json" \\
  -d '{"appid":"app_…","recipient":"+5511999888777","channel":"sms","from":"YourApp"}'`,
  },
  {
    id: "campaign",
    name: "campaign",
    reference: "VAS-campaign OTP generate/verify with key, aid, mid, msisdn, partner, userId, request_id",
    baseUrl: "{BASE}/compat/campaign",
    credential: "key=otpsk_… in the query string (or the body)",
    routes: [
      { theirs: "POST /api/af/otp_gen", native: "POST /api/v1/otp/send — msisdn (international, without +) → recipient; partner, userId, aid, mid, type → metadata" },
      { theirs: "POST /api/af/otp_verify", native: "POST /api/v1/otp/verify — request_id → id (or the msisdn's newest pending verification), otp → code" },
    ],
    answers: '{"status":"200","response":"otp_sent","data":"<request_id>"}, {"status":"200","response":"otp_verified"}; a refused key is 400 {"status":"400","error":"invalid_user_credentials"}; other errors {"status":"<status>","error":"<code>","message"}',
    differences: [
      "A key in a query string ends up in access logs, proxies and browser history. Prefer the native API, which takes the key in a header; if you must use this style, send the parameters in a POST body (JSON or form-encoded) instead of the URL.",
      "Parameters may be in the query string or the body; a body value wins. request_id is OTPilot's verification id.",
      "Errors other than the key's keep OTPilot's status (422 invalid_code, 429 rate_limited, 404 not_found…).",
    ],
    sample: `curl -X POST "{BASE}/compat/campaign/api/af/otp_gen" \\
  -H "Content-Type: application/json" \\
  -d '{"key":"'$OTPILOT_SECRET'","aid":1234,"mid":5678,"msisdn":"5511999888777","partner":"partnername","userId":"u-1"}'`,
  },
  {
    id: "chat-otp",
    name: "chat-otp",
    reference: "WhatsApp OTP by chat id with code length, letters/numbers, capitals, TTL; statuses pending, sent, validated, expired",
    baseUrl: "{BASE}/compat/chat-otp",
    credential: "Authorization: Bearer otpsk_…",
    routes: [
      { theirs: "POST /{instanceId}/otp/request", native: "POST /api/v1/otp/send on WhatsApp — instanceId is the app id; chatId <digits>@c.us → recipient; length → codeLength; useLetter/useNumber/allCapital → alphabet; expires → ttl; name → name" },
      { theirs: "POST /{instanceId}/otp/validate", native: "POST /api/v1/otp/verify — uuid → id (or chatId: its newest pending code), code" },
      { theirs: "GET /{instanceId}/otp, GET /{instanceId}/otp/{uuid}", native: "GET /api/v1/otp/list (chatId, limit, cursor) and GET /api/v1/otp/{id}" },
    ],
    answers: '{"uuid","chat_id","status","otp_type":"code","expires_at","created_at","validated_at","attempts","max_attempts"} (code only with exposeCode); lists {"data":[…],"next_cursor"}; errors {"message","code","errors"?}',
    differences: [
      "code is never in the answer unless the app's exposeCode setting is on: the code reaches the user on WhatsApp only.",
      "The app must have WhatsApp among its channels (a live key also needs a WhatsApp provider), else 422 channel_unavailable.",
      "A refused key answers 401 {\"message\":\"Unauthenticated.\"}; a wrong code 422; a code too short for its letters 400 naming length.",
    ],
    sample: `curl {BASE}/compat/chat-otp/app_…/otp/request \\
  -H "Authorization: Bearer $OTPILOT_SECRET" -H "Content-Type: application/json" \\
  -d '{"chatId":"5511999888777@c.us","length":6,"useLetter":true,"useNumber":false,"allCapital":true,"expires":1800}'`,
  },
];

const chatStatuses = [
  { native: "pending, message queued", theirs: "pending" },
  { native: "pending, message sent or delivered", theirs: "sent" },
  { native: "approved", theirs: "validated" },
  { native: "expired, canceled or failed", theirs: "expired" },
];

const alphabetNotes: Record<string, string> = {
  numeric: "digits 0–9",
  alphanumeric: "digits and upper-case letters without 0/O, 1/I/L; lower case typed is accepted",
  letters: "upper-case letters without I, L, O; lower case typed is accepted",
  lettersMixedCase: "upper- and lower-case letters without I, L, O, l, o; case-sensitive",
  alphanumericMixedCase: "digits 2–9 and both cases without look-alikes; case-sensitive",
};

const sections = [
  ...styles.map((s) => ({ href: `#${s.id}`, label: s.name })),
  { href: "#common", label: "What every style shares" },
  { href: "#alphabets", label: "Code alphabets" },
];

export default function CompatPage() {
  return (
    <article className="docs-prose max-w-3xl">
      <p className="text-sm font-semibold text-brand-700">Reference</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-950 sm:text-4xl">Compatibility routes</h1>
      <p className="mt-4 text-lg leading-8 text-slate-600">
        Already calling another OTP API? Point your client&apos;s base URL at one of these routes and swap its credential
        for an OTPilot secret key: the paths, fields and answers stay the ones your code expects. Behind them is the
        same engine as the <Link href="/docs/api">native API</Link>: limits, test mode and the outbox, events, webhooks
        and reports all apply, and every verification records which style started it (<code>source</code>{" "}
        <code>compat:&lt;style&gt;</code> in its log events). For new integrations use the native API.
      </p>

      <nav aria-label="On this page" className="mt-8 rounded-xl border border-slate-200 bg-slate-50 p-4">
        <p className="text-sm font-semibold text-slate-900">On this page</p>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
          {sections.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="text-brand-700 hover:underline">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {styles.map((style) => (
        // A fragment, not a <section>: .docs-prose styles its direct children (headings, lists, tables).
        <Fragment key={style.id}>
          <h2 id={style.id}>{style.name}</h2>
          <p>For clients of: {style.reference}.</p>
          <ul>
            <li>
              Base URL: <code>{style.baseUrl}</code>
            </li>
            <li>
              Credential: <code>{style.credential}</code>
            </li>
            <li>Answers: {style.answers}</li>
          </ul>
          <div className="table-wrap overflow-x-auto">
            <table>
              <caption className="sr-only">{style.name}: what maps to what</caption>
              <thead>
                <tr>
                  <th scope="col">Their route</th>
                  <th scope="col">What OTPilot does</th>
                </tr>
              </thead>
              <tbody>
                {style.routes.map((route) => (
                  <tr key={route.theirs}>
                    <td>
                      <code>{route.theirs}</code>
                    </td>
                    <td>{route.native}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {style.id === "chat-otp" && (
            <div className="table-wrap overflow-x-auto">
              <table>
                <caption className="sr-only">chat-otp statuses</caption>
                <thead>
                  <tr>
                    <th scope="col">OTPilot verification</th>
                    <th scope="col">chat-otp status</th>
                  </tr>
                </thead>
                <tbody>
                  {chatStatuses.map((row) => (
                    <tr key={row.theirs}>
                      <td>{row.native}</td>
                      <td>
                        <code>{row.theirs}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p>What differs:</p>
          <ul>
            {style.differences.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          <CodeBlock title="Example" language="bash" code={style.sample} />
        </Fragment>
      ))}

      <h2 id="common">What every style shares</h2>
      <ul>
        <li>
          The code is never returned unless the app&apos;s <code>exposeCode</code> setting is on (then send and resend
          answers carry <code>code</code>, as on the native API).
        </li>
        <li>
          Test keys (<code>otpsk_test_…</code>) deliver to the outbox and see only test verifications; a live
          verification&apos;s id answers 404 to them, through every style.
        </li>
        <li>
          Every answer carries <code>X-Request-Id</code> and the <code>RateLimit-*</code> headers; a 429 adds{" "}
          <code>Retry-After</code>. Bodies are capped at 16 KiB; text with NUL characters or lone surrogates is refused
          with a 400.
        </li>
        <li>
          Credentials in query strings (the campaign style) are discouraged: they are logged by proxies and servers.
        </li>
        <li>
          <code>Idempotency-Key</code> is a native-API feature: the compatibility routes do not read it. Sending to a
          number again cancels its pending code and starts a new one, as natively.
        </li>
      </ul>

      <h2 id="alphabets">Code alphabets</h2>
      <p>
        The native <code>alphabet</code> (send body and app setting) takes these values; the chat-otp flags map onto
        them (useNumber only → numeric; useLetter + allCapital → letters, with useNumber → alphanumeric; useLetter
        without allCapital → lettersMixedCase, with useNumber → alphanumericMixedCase). The letters-only and mixed-case
        alphabets require a length that keeps at least 20 bits of entropy; a shorter <code>codeLength</code> is refused
        with a 400 naming it. Wrong guesses are limited per verification and per number, which is what protects short
        numeric codes.
      </p>
      <div className="table-wrap overflow-x-auto">
        <table>
          <caption className="sr-only">Code alphabets</caption>
          <thead>
            <tr>
              <th scope="col">alphabet</th>
              <th scope="col">Symbols</th>
              <th scope="col">Bits per character</th>
              <th scope="col">Shortest code</th>
            </tr>
          </thead>
          <tbody>
            {CODE_ALPHABET_NAMES.map((name) => (
              <tr key={name}>
                <td>
                  <code>{name}</code>
                </td>
                <td>
                  {CODE_ALPHABETS[name].symbols.length}: {alphabetNotes[name]}
                </td>
                <td>{bitsPerCharacter(name).toFixed(2)}</td>
                <td>
                  {minCodeLength(name)} ({(minCodeLength(name) * bitsPerCharacter(name)).toFixed(1)} bits)
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}
