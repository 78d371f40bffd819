import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = {
  title: "API reference",
  description: "The OTPilot HTTP API: OTP verification, apps, templates, reports, outbox, webhooks.",
};

const OPENAPI_URL = "/api/v1/openapi.json";

/** The API reference: Scalar rendering the OpenAPI document the server generates from its own schemas. */
export default function ApiReferencePage() {
  return (
    <article className="min-w-0">
      <p className="text-sm font-semibold text-brand-700">Reference</p>
      <h1 className="mt-2 text-4xl font-bold tracking-tight text-slate-950">API reference</h1>
      <p className="mt-4 max-w-3xl text-lg leading-8 text-slate-600">
        Every endpoint of <code className="font-mono text-base">/api/v1</code> with its parameters, responses
        and error codes, generated from the same schemas the server validates requests with. Authenticate with
        a secret key in any of the four header forms; the{" "}
        <Link href="/docs" className="font-medium text-brand-700 underline underline-offset-4">
          guide
        </Link>{" "}
        walks through sending and verifying a code. The raw OpenAPI 3.1 document is at{" "}
        <a
          href={OPENAPI_URL}
          className="font-mono text-base font-medium text-brand-700 underline underline-offset-4"
        >
          {OPENAPI_URL}
        </a>
        .
      </p>
      <ApiReference url={OPENAPI_URL} />
    </article>
  );
}
