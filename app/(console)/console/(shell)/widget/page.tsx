import type { Metadata } from "next";
import { ComingSoon } from "@/components/console/coming-soon";

export const metadata: Metadata = { title: "Widget" };

export default function ConsoleWidgetPage() {
  return (
    <ComingSoon
      title="Widget"
      description="The drop-in verification widget for your website."
      planned={[
        "The embed snippet for each publishable key, with a copy button",
        "Allowed origins (today: in each app's settings)",
        "A live preview of the widget with the app's settings",
      ]}
    />
  );
}
