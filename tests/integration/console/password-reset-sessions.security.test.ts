/**
 * A password reset ends the console sessions signed in before it (lib/auth/accounts.ts): someone who
 * resets because another person knows the password must not leave that person signed in. Real
 * next-auth sign-ins over HTTP against the server; the reset runs here on the shared database, as the
 * reset page's action would.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resetPassword } from "@/lib/auth/accounts";
import { newLinkToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { createTenant } from "@/lib/tenants/create-tenant";
import { createConsoleUser } from "@/lib/users/create-console-user";
import { baseUrl } from "../../helpers/api";

/** The cookies a response sets, as a Cookie header value (name=value pairs). */
function cookiesOf(response: Response, previous = ""): string {
  const jar = new Map(previous ? previous.split("; ").map((pair) => pair.split("=", 2) as [string, string]) : []);
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** Signs in through next-auth's credentials endpoint, as the sign-in form does; the session's cookies. */
async function signIn(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl()}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  let cookie = cookiesOf(csrf);
  const response = await fetch(`${baseUrl()}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  cookie = cookiesOf(response, cookie);
  expect(cookie, "a session cookie").toMatch(/next-auth\.session-token=/);
  return cookie;
}

/** The console overview with these cookies: 200 when signed in, a redirect to sign-in when not. */
async function openConsole(cookie: string): Promise<{ status: number; location: string | null }> {
  const response = await fetch(`${baseUrl()}/console`, { headers: { Cookie: cookie }, redirect: "manual" });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get("location") };
}

describe("password reset and open sessions", () => {
  it("ends every session signed in before the reset; a sign-in with the new password works", async () => {
    const tenant = await createTenant({ name: `Reset ${randomUUID()}`, appName: "App" });
    const email = `r-${randomUUID()}@example.com`;
    const { userId } = await createConsoleUser({ email, password: "old horse battery", tenantId: tenant.tenantId });
    const laptop = await signIn(email, "old horse battery");
    const phone = await signIn(email, "old horse battery");
    expect((await openConsole(laptop)).status).toBe(200);
    expect((await openConsole(phone)).status).toBe(200);

    const prisma = await db();
    const link = newLinkToken();
    await prisma.passwordReset.create({
      data: { id: newId("pwr"), userId, tokenHash: link.hash, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    await resetPassword(link.token, "new horse battery");

    for (const cookie of [laptop, phone]) {
      const after = await openConsole(cookie);
      expect(after.status).toBeGreaterThanOrEqual(300);
      expect(after.status).toBeLessThan(400);
      expect(after.location).toContain("/console/sign-in");
    }
    const fresh = await signIn(email, "new horse battery");
    expect((await openConsole(fresh)).status).toBe(200);
  });
});
