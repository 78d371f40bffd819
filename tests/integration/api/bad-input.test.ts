import { beforeAll, describe, expect, it } from "vitest";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant, type TestTenant } from "../../helpers/tenant";

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant();
});

/** The send limit's remaining quota for a recipient, as the API reports it. */
async function sendsRemaining(recipient: string): Promise<number> {
  const response = await api("GET", `/api/v1/otp/rate-limits?recipient=${encodeURIComponent(recipient)}`, { key: t.test });
  expect(response.status).toBe(200);
  return response.body.data.find((limit: { name: string }) => limit.name === "sendsPerRecipient").remaining;
}

/** The JSON text of a send whose metadata nests `depth` arrays (built as text: JSON.stringify would overflow). */
const deepSend = (recipient: string, depth: number) =>
  `{"recipient":"${recipient}","metadata":{"deep":${"[".repeat(depth)}1${"]".repeat(depth)}}}`;

describe("text PostgreSQL cannot store is refused at the boundary (400 naming the field)", () => {
  it.each([
    ["externalId", (r: string) => ({ recipient: r, externalId: "a\u0000b" }), "externalId"],
    ["name", (r: string) => ({ recipient: r, name: "Ana\u0000" }), "name"],
    ["a metadata value", (r: string) => ({ recipient: r, metadata: { note: "x\u0000y" } }), "metadata.note"],
    ["a metadata key", (r: string) => ({ recipient: r, metadata: { "k\u0000": 1 } }), "metadata.k\u0000"],
    ["a lone surrogate in metadata", (r: string) => ({ recipient: r, metadata: { emoji: "\ud83d" } }), "metadata.emoji"],
    ["a lone low surrogate in a nested array", (r: string) => ({ recipient: r, metadata: { list: ["ok", "\udc00"] } }), "metadata.list.1"],
    ["metadata nested thousands of levels deep", (r: string) => deepSend(r, 5000), "metadata.deep"],
    ["metadata nested just past the cap", (r: string) => deepSend(r, 19), "metadata.deep"],
  ] as Array<[string, (r: string) => unknown, string]>)("send with NUL/surrogate/depth in %s → 400, and no send limit spent", async (_, body, path) => {
    const recipient = randomMobile();
    const before = await sendsRemaining(recipient);
    const problem = expectProblem(await api("POST", "/api/v1/otp/send", { key: t.test, body: body(recipient) }), 400, "invalid_request");
    expect(problem.errors[0].path.startsWith(path)).toBe(true);
    expect(await sendsRemaining(recipient)).toBe(before);
  });

  it("app name and webhookUrl with a NUL → 400", async () => {
    for (const [field, value] of [
      ["name", "My\u0000App"],
      ["webhookUrl", "https://example.com/\u0000hook"],
    ] as const) {
      const problem = expectProblem(await api("PATCH", `/api/v1/apps/${t.appId}`, { key: t.live, body: { [field]: value } }), 400, "invalid_request");
      expect(problem.errors[0].path).toBe(field);
    }
    expectProblem(await api("POST", "/api/v1/apps", { key: t.live, body: { name: "a\u0000" } }), 400, "invalid_request");
  });

  it("template body with a NUL → 400", async () => {
    const problem = expectProblem(
      await api("POST", `/api/v1/apps/${t.appId}/templates`, {
        key: t.live,
        body: { channel: "sms", locale: "en", body: "Code {{code}}\u0000" },
      }),
      400,
      "invalid_request",
    );
    expect(problem.errors[0].path).toBe("body");
  });

  it.each([
    "/api/v1/otp/list?externalId=a%00b",
    "/api/v1/otp/list?recipient=%2B5511%00",
    "/api/v1/otp/logs?verificationId=ver_%00",
    "/api/v1/otp/status?id=ver_%00",
    "/api/v1/outbox?recipient=%00",
  ])("a NUL in a query parameter → 400 (%s)", async (path) => {
    expectProblem(await api("GET", path, { key: t.test }), 400, "invalid_request");
  });

  it("a NUL in a path segment → 400", async () => {
    expectProblem(await api("GET", "/api/v1/otp/ver_%00x", { key: t.test }), 400, "invalid_request");
    expectProblem(await api("GET", "/api/v1/apps/app_%00", { key: t.test }), 400, "invalid_request");
  });
});
