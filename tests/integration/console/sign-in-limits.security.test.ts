/**
 * Console sign-in limits (lib/auth/sign-in.ts): failed attempts per email are limited before any
 * hash is computed; successful sign-ins do not count, so a person who signs in often is never locked out.
 * Runs in-process against the real database and the configured limiter.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";

const { signInWithPassword, SignInError } = await import("@/lib/auth/sign-in");
const { createTenant } = await import("@/lib/tenants/create-tenant");
const { createConsoleUser } = await import("@/lib/users/create-console-user");
const { POLICIES } = await import("@/lib/rate-limit/policies");

async function person() {
  const tenant = await createTenant({ name: `Sign-in ${randomUUID()}`, appName: "App" });
  const email = `p-${randomUUID()}@example.com`;
  await createConsoleUser({ email, password: "right horse battery", tenantId: tenant.tenantId });
  return email;
}

// A fresh documentation address per test, so the per-IP limit never decides these cases.
const ip = () => `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}`;

describe("console sign-in limits", () => {
  it("successful sign-ins never count against the limit", async () => {
    const email = await person();
    const address = ip();
    for (let i = 0; i < POLICIES.signInPerEmail.limit + 2; i++) {
      const user = await signInWithPassword({ email, password: "right horse battery" }, address);
      expect(user?.email).toBe(email);
    }
  });

  it("failed attempts per email are limited, and then even the right password is refused", async () => {
    const email = await person();
    const address = ip();
    for (let i = 0; i < POLICIES.signInPerEmail.limit; i++) {
      expect(await signInWithPassword({ email, password: `wrong ${i}` }, address)).toBeNull();
    }
    await expect(signInWithPassword({ email, password: "right horse battery" }, address)).rejects.toThrow(
      SignInError,
    );
    await expect(signInWithPassword({ email, password: "right horse battery" }, address)).rejects.toThrow(
      /Too many sign-in attempts/,
    );
  });
});
