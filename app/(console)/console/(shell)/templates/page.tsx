import type { Metadata } from "next";
import { ComingSoon } from "@/components/console/coming-soon";

export const metadata: Metadata = { title: "Templates" };

export default function ConsoleTemplatesPage() {
  return (
    <ComingSoon
      title="Templates"
      description="The text of each message, per channel and language."
      planned={[
        "Edit SMS and WhatsApp message bodies per locale",
        "Use the variables {{code}}, {{app}}, {{name}} and {{ttlMinutes}}",
        "Preview a message before saving; a body without {{code}} is refused",
      ]}
    />
  );
}
