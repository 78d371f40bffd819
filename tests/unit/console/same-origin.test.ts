import { describe, expect, it } from "vitest";
import { sameOrigin } from "@/lib/console/context";
import { can, PERMISSIONS, ROLES } from "@/lib/auth/roles";

const post = (headers: Record<string, string>) => new Request("http://localhost:3000/console/x", { method: "POST", headers });

describe("console route CSRF check", () => {
  it("accepts a same-origin POST and refuses a cross-site one", () => {
    expect(sameOrigin(post({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBe(true);
    expect(sameOrigin(post({ host: "localhost:3000", origin: "https://evil.example" }))).toBe(false);
    expect(sameOrigin(post({ host: "localhost:3000", origin: "null" }))).toBe(false);
  });

  it("falls back to Sec-Fetch-Site without an Origin, and refuses when neither is there", () => {
    expect(sameOrigin(post({ host: "localhost:3000", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(sameOrigin(post({ host: "localhost:3000", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(sameOrigin(post({ host: "localhost:3000" }))).toBe(false);
  });
});

describe("roles", () => {
  it("lets viewers only read, developers not manage members", () => {
    const table = Object.fromEntries(ROLES.map((r) => [r, Object.keys(PERMISSIONS).filter((p) => can(r, p as never))]));
    expect(table).toEqual({
      owner: ["read", "apps:write", "keys:write", "templates:write", "webhooks:write", "members:manage"],
      admin: ["read", "apps:write", "keys:write", "templates:write", "webhooks:write", "members:manage"],
      developer: ["read", "apps:write", "keys:write", "templates:write", "webhooks:write"],
      viewer: ["read"],
    });
  });
});
