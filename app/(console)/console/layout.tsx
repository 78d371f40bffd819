import type { Metadata } from "next";
import { type ReactNode } from "react";
import { Toaster } from "@/components/ui/toaster";

export const metadata: Metadata = {
  title: { default: "Console", template: "%s · Console · OTPilot" },
  robots: { index: false },
};

// Every console page reads the session: never prerendered.
export const dynamic = "force-dynamic";

/** The console follows the system's light or dark theme. */
export default function ConsoleRootLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-50 text-slate-900 [color-scheme:light] dark:bg-slate-950 dark:text-slate-100 dark:[color-scheme:dark]">
      {children}
      <Toaster />
    </div>
  );
}
