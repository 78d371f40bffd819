import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import { COMPAT_OPERATIONS } from "@/lib/openapi/operations/compat";

const root = path.resolve(import.meta.dirname, "../../..");
const compatDir = path.join(root, "app", "compat");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Every method served by every route file under app/compat, as "POST /compat/…/{param}": exported
 * from a handler, not the 405 of the methods a path does not have (`= methodNotAllowed(…)` and its
 * aliases such as `export const PUT = GET`).
 */
function servedRoutes(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return servedRoutes(full);
    if (entry.name !== "route.ts") return [];
    const source = fs.readFileSync(full, "utf8");
    const url = "/" + path.relative(path.join(root, "app"), path.dirname(full)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
    const refused = (method: string) => new RegExp(`const ${method} = (methodNotAllowed\\(|[A-Z]+;)`).test(source);
    const exported = (method: string) => new RegExp(`\\bas ${method}\\b|const ${method}\\b`).test(source);
    return METHODS.filter((method) => exported(method) && !refused(method)).map((method) => `${method} ${url}`);
  });
}

describe("the OpenAPI document's compat tag", () => {
  it("describes every compatibility route, and nothing else, under the Compat tag with its style's credential", () => {
    const served = servedRoutes(compatDir).sort();
    const documented = COMPAT_OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`).sort();
    expect(served.length).toBeGreaterThan(15);
    expect(documented).toEqual(served);
    const document = buildOpenApiDocument();
    expect(document.tags!.map((t) => t.name)).toContain("Compat");
    for (const operation of COMPAT_OPERATIONS) {
      const described = document.paths![operation.path]![operation.method]!;
      expect(described.tags).toEqual(["Compat"]);
      expect(described.security!.length).toBeGreaterThan(0);
      expect(Object.keys(described.responses!)).toEqual(expect.arrayContaining([String(operation.response.status), "401"]));
    }
    const userAuth = document.paths!["/compat/user-auth/fe/users/auth/otp/verify"]!.post!;
    expect(userAuth.security).toEqual([{ userJwtToken: [] }]);
  });
});
