import { describe, expect, it } from "vitest";
import { baseUrl } from "../../helpers/api";

// A method a compatibility path does not have answers 405 with Allow, in the style's own error
// shape (not Next's empty 405, not problem+json), with a request id and the per-IP limit's headers
// like every native answer; OPTIONS lists the path's methods.
const CASES = [
  { path: "/compat/config-otp/otp/ref-1/sendOTP", method: "GET", allow: "POST", body: (b: any) => expect(b).toMatchObject({ status: 405, code: "method_not_allowed", path: "/compat/config-otp/otp/ref-1/sendOTP" }) },
  { path: "/compat/user-auth/fe/users/auth/otp/verify", method: "PUT", allow: "POST", body: (b: any) => expect(b).toMatchObject({ code: "METHOD_NOT_ALLOWED" }) },
  { path: "/compat/multi-channel/otp/status", method: "POST", allow: "GET, HEAD", body: (b: any) => expect(b).toMatchObject({ success: false, error: { code: "method_not_allowed" } }) },
  { path: "/compat/campaign/api/af/otp_gen", method: "DELETE", allow: "POST", body: (b: any) => expect(b).toMatchObject({ status: "405", error: "method_not_allowed" }) },
  { path: "/compat/chat-otp/inst-1/otp", method: "PATCH", allow: "GET, HEAD", body: (b: any) => expect(b).toMatchObject({ code: "method_not_allowed" }) },
];

describe("compatibility routes: methods a path does not have", () => {
  for (const c of CASES) {
    it(`${c.method} ${c.path} answers 405 in the style's shape`, async () => {
      const response = await fetch(`${baseUrl()}${c.path}`, { method: c.method });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe(`${c.allow}, OPTIONS`);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("x-request-id")).toMatch(/^req_/);
      expect(response.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
      const body = await response.json();
      c.body(body);
      expect(body).not.toHaveProperty("type"); // not problem+json

      const options = await fetch(`${baseUrl()}${c.path}`, { method: "OPTIONS" });
      expect(options.status).toBe(204);
      expect(options.headers.get("allow")).toBe(`${c.allow}, OPTIONS`);
    });
  }
});
