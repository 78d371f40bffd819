import type { Metadata } from "next";
import { ComingSoon } from "@/components/console/coming-soon";

export const metadata: Metadata = { title: "Verifications" };

export default function ConsoleLogsPage() {
  return (
    <ComingSoon
      title="Verifications"
      description="Every verification and every message, with what actually happened to it."
      planned={[
        "Search verifications by recipient, status, channel, external id and date",
        "The event timeline of one verification: created, sent, delivered, attempts, approved or failed",
        "Delivery status reported by the provider, and rate-limit hits",
      ]}
    />
  );
}
