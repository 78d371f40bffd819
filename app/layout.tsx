import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { type ReactNode } from "react";
import { SkipLink } from "@/components/skip-link";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "OTPilot — open-source phone verification you can run yourself",
    template: "%s · OTPilot",
  },
  description:
    "Send one-time codes by SMS or WhatsApp, verify them with one API call, embed a ready-made widget and " +
    "watch every delivery in your own console. Self-hosted and open source.",
  applicationName: "OTPilot",
};

export const viewport: Viewport = {
  themeColor: "#4f39f6",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request: the CSP nonce (proxy.ts) must be on this response's scripts, which a page
  // prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <SkipLink />
        {children}
      </body>
    </html>
  );
}
