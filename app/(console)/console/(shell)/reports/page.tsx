import type { Metadata } from "next";
import { ComingSoon } from "@/components/console/coming-soon";

export const metadata: Metadata = { title: "Reports" };

export default function ConsoleReportsPage() {
  return (
    <ComingSoon
      title="Reports"
      description="How well verification works for your users, over time."
      planned={[
        "Codes sent, delivered, approved and failed, by hour or day",
        "Conversion rate and median time to verify",
        "Breakdowns by channel and by country",
      ]}
    />
  );
}
