import { beforeAll, describe, expect, it } from "vitest";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { send } from "../../helpers/reads";
import { newTenant, type TestTenant } from "../../helpers/tenant";

let t: TestTenant;
beforeAll(async () => {
  t = await newTenant();
  await send(t.test, { recipient: randomMobile() });
});

const invalid = async (path: string, field: string) => {
  const response = await api("GET", path, { key: t.test });
  const problem = expectProblem(response, 400, "invalid_request");
  expect(
    problem.errors.map((e: { path: string }) => e.path),
    response.text,
  ).toContain(field);
};

describe("read endpoints refuse bad query parameters with 400 and the field's path", () => {
  for (const path of ["/api/v1/otp/list", "/api/v1/otp/logs"]) {
    it(`${path}: limit outside 1..100 or not an integer`, async () => {
      for (const limit of ["0", "101", "-1", "abc", "1.5", ""])
        await invalid(`${path}?limit=${limit}`, "limit");
    });
    it(`${path}: a cursor it did not hand out`, async () => {
      const forged = Buffer.from("2026-01-01T00:00:00.000Z|ver_nope").toString("base64url");
      for (const cursor of ["bogus", "%00%ff", forged, "eyJ9"])
        await invalid(`${path}?cursor=${cursor}`, "cursor");
    });
    it(`${path}: from after to, times that are not ISO 8601`, async () => {
      await invalid(`${path}?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, "from");
      await invalid(`${path}?from=yesterday`, "from");
      await invalid(`${path}?to=1700000000`, "to");
    });
  }

  it("list: unknown status or channel", async () => {
    await invalid("/api/v1/otp/list?status=done", "status");
    await invalid("/api/v1/otp/list?channel=email", "channel");
  });

  it("list and rate-limits: a recipient that is no phone number answers 400 invalid_phone_number", async () => {
    expectProblem(
      await api("GET", "/api/v1/otp/list?recipient=12", { key: t.test }),
      400,
      "invalid_phone_number",
    );
    expectProblem(
      await api("GET", "/api/v1/otp/rate-limits?recipient=abc", { key: t.test }),
      400,
      "invalid_phone_number",
    );
  });

  it("logs: unknown type", async () => {
    await invalid("/api/v1/otp/logs?type=verification.exploded", "type");
  });

  it("attempts: id is required", async () => {
    await invalid("/api/v1/otp/attempts", "id");
  });

  it("reports: unknown interval or groupBy, from after to, over 400 days, hourly over 31 days", async () => {
    await invalid("/api/v1/otp/reports?interval=week", "interval");
    await invalid("/api/v1/otp/reports?groupBy=app", "groupBy");
    await invalid("/api/v1/otp/reports?from=2026-02-01&to=2026-01-01", "from");
    await invalid("/api/v1/otp/reports?from=2024-01-01&to=2026-01-01", "from");
    await invalid("/api/v1/otp/reports?from=2026-01-01&to=2026-03-01&interval=hour", "interval");
    const ok = await api("GET", "/api/v1/otp/reports?from=2025-01-01&to=2026-01-01", { key: t.test });
    expect(ok.status, ok.text).toBe(200);
  });

  it("unknown ids answer 404: attempts, logs by verification, any read by app", async () => {
    const unknownVerification = "ver_01jz0000000000000000000000";
    expectProblem(
      await api("GET", `/api/v1/otp/attempts?id=${unknownVerification}`, { key: t.test }),
      404,
      "not_found",
    );
    expectProblem(await api("GET", "/api/v1/otp/attempts?id=garbage", { key: t.test }), 404, "not_found");
    expectProblem(
      await api("GET", `/api/v1/otp/logs?verificationId=${unknownVerification}`, { key: t.test }),
      404,
      "not_found",
    );
    for (const path of ["list", "logs", "reports", "rate-limits"]) {
      expectProblem(
        await api("GET", `/api/v1/otp/${path}?appId=app_01jz0000000000000000000000`, { key: t.test }),
        404,
        "not_found",
      );
    }
  });

  it("other methods answer 405 with Allow: GET, HEAD, OPTIONS", async () => {
    for (const path of ["list", "attempts", "logs", "rate-limits", "reports"]) {
      const response = await api("POST", `/api/v1/otp/${path}`, { key: t.test, body: {} });
      expectProblem(response, 405, "method_not_allowed");
      expect(response.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    }
  });
});
