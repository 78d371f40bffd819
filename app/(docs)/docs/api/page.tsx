import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = {
  title: "API reference",
  description: "The OTPilot HTTP API: OTP verification, apps, outbox, tokens.",
};

const endpointGroups = [
  {
    title: "Verifications",
    endpoints: [
      "POST /api/v1/otp/send",
      "POST /api/v1/otp/verify",
      "POST /api/v1/otp/resend",
      "POST /api/v1/otp/cancel",
      "GET /api/v1/otp/{id}",
      "GET /api/v1/otp/list",
    ],
  },
  {
    title: "Insight",
    endpoints: [
      "GET /api/v1/otp/attempts",
      "GET /api/v1/otp/logs",
      "GET /api/v1/otp/rate-limits",
      "GET /api/v1/otp/reports",
    ],
  },
  {
    title: "Apps and testing",
    endpoints: [
      "GET /api/v1/apps",
      "PATCH /api/v1/apps/{id}",
      "GET /api/v1/outbox",
      "POST /api/v1/tokens/verify",
    ],
  },
];

/** Placeholder until the OpenAPI document exists; it will render the full reference here. */
export default function ApiReferencePage() {
  return (
    <article className="max-w-3xl">
      <p className="text-sm font-semibold text-brand-700">Reference</p>
      <h1 className="mt-2 text-4xl font-bold tracking-tight text-slate-950">API reference</h1>
      <p className="mt-4 text-lg leading-8 text-slate-600">
        The complete reference, generated from OTPilot&apos;s OpenAPI document, will render on this page:
        every endpoint with its parameters, response fields, error codes and examples. Until then, the{" "}
        <Link href="/docs" className="font-medium text-brand-700 underline underline-offset-4">
          guide
        </Link>{" "}
        covers sending, verifying, authentication, errors and test mode.
      </p>
      <h2 className="mt-12 text-xl font-semibold text-slate-950">Endpoints at a glance</h2>
      <div className="mt-6 grid gap-4 sm:grid-cols-3">
        {endpointGroups.map((group) => (
          <Card key={group.title} className="p-5">
            <h3 className="text-sm font-semibold text-slate-900">{group.title}</h3>
            <ul className="mt-3 space-y-2 font-mono text-xs text-slate-700">
              {group.endpoints.map((endpoint) => {
                const [method, path] = endpoint.split(" ");
                return (
                  <li key={endpoint} className="break-all">
                    <span className={method === "GET" ? "text-emerald-700" : "text-brand-700"}>{method}</span>{" "}
                    {path}
                  </li>
                );
              })}
            </ul>
          </Card>
        ))}
      </div>
    </article>
  );
}
