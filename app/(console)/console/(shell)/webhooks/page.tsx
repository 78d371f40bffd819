import type { Metadata } from "next";
import { ComingSoon } from "@/components/console/coming-soon";

export const metadata: Metadata = { title: "Webhooks" };

export default function ConsoleWebhooksPage() {
  return (
    <ComingSoon
      title="Webhooks"
      description="Events your servers receive when a verification changes state."
      planned={[
        "Set each app's webhook URL and read or roll its signing secret (whsec_…)",
        "Deliveries of verification.approved, verification.failed, verification.expired and message.failed",
        "The delivery state and retries of each event, signed per Standard Webhooks",
      ]}
    />
  );
}
