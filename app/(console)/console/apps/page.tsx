import type { Metadata } from "next";
import { ComingSoon } from "@/components/console/coming-soon";

export const metadata: Metadata = { title: "Apps" };

export default function ConsoleAppsPage() {
  return (
    <ComingSoon
      title="Apps"
      description="An app is one OTP configuration: code rules, channels, templates, limits, widget origins and webhook."
      planned={[
        "Create apps and see their publishable keys (live and test)",
        "Code length, alphabet, lifetime, attempts, resend cooldown and send limits",
        "Channel order (WhatsApp, SMS) and allowed countries",
        "SMS, WhatsApp and HTTP provider credentials, stored encrypted and shown masked",
        "Allowed widget origins and per-app rate limits",
      ]}
    />
  );
}
