import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { authOptions } from "@/lib/auth/auth-options";
import { clientIp } from "@/lib/http/client-ip";

export const TENANT_COOKIE = "otpilot-tenant";
export const MODE_COOKIE = "otpilot-mode";

export type ConsoleRequest = {
  /** the signed-in person, from the next-auth session; null when signed out */
  userId: string | null;
  /** when the session signed in (ms since the epoch); 0 for sessions from before it was recorded */
  signedInAt?: number;
  /** the tenant chosen with the switcher (checked against memberships by the caller) */
  tenantId: string | null;
  /** the live/test data toggle */
  mode: "live" | "test";
  ip: string | null;
};

/**
 * What the console knows about the current request, from next-auth's session cookie and the
 * console's own cookies. The one place that touches Next's request APIs, so the console wrapper
 * above it can be exercised without a browser.
 */
export async function readConsoleRequest(): Promise<ConsoleRequest> {
  const session = (await getServerSession(authOptions())) as { uid?: string; signedInAt?: number } | null;
  const jar = await cookies();
  return {
    userId: session?.uid ?? null,
    signedInAt: session?.signedInAt ?? 0,
    tenantId: jar.get(TENANT_COOKIE)?.value ?? null,
    mode: jar.get(MODE_COOKIE)?.value === "live" ? "live" : "test",
    ip: clientIp(await headers()),
  };
}

/** Remembers the chosen tenant or mode for a year; HttpOnly, SameSite=Lax, Secure behind TLS. */
export async function setConsoleCookie(name: typeof TENANT_COOKIE | typeof MODE_COOKIE, value: string): Promise<void> {
  const jar = await cookies();
  jar.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
    path: "/",
    maxAge: 365 * 24 * 3600,
  });
}
