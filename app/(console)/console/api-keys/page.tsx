import type { Metadata } from "next";
import { ComingSoon } from "@/components/console/coming-soon";

export const metadata: Metadata = { title: "API keys" };

export default function ConsoleApiKeysPage() {
  return (
    <ComingSoon
      title="API keys"
      description="Secret keys authenticate your servers to the API; each is live or test and may be restricted to some apps."
      planned={[
        "Create live and test keys, with the secret shown exactly once",
        "Restrict a key to some of your apps",
        "Revoke a key (effective on the next request) or roll it with a grace period",
        "See when each key was last used",
      ]}
    />
  );
}
