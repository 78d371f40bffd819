import type { Metadata } from "next";
import { ComingSoon } from "@/components/console/coming-soon";

export const metadata: Metadata = { title: "Test outbox" };

export default function ConsoleOutboxPage() {
  return (
    <ComingSoon
      title="Test outbox"
      description="Messages sent with test keys land here instead of on a phone."
      planned={[
        "Every test-mode message with its recipient, channel, body and time",
        "Filter by recipient to find the code you just sent",
        "Links to the verification each message belongs to",
      ]}
    />
  );
}
