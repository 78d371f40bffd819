import { describe, expect, it } from "vitest";
import { api, expectProblem, randomMobile } from "../../helpers/api";
import { newTenant } from "../../helpers/tenant";

// The token tests/setup/global.ts gives the server.
const TOKEN = "otpilot-test-metrics-token";

/** The value of one sample line, e.g. `otpilot_otp_sends_total{kind="send",outcome="accepted"}`; 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(): Promise<string> {
  const response = await api("GET", "/api/metrics", { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(response.status, response.text).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text;
}

describe("GET /api/metrics", () => {
  it("answers 401 problem+json without the token or with a wrong one", async () => {
    const none = await api("GET", "/api/metrics");
    expectProblem(none, 401, "unauthorized");
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expectProblem(await api("GET", "/api/metrics", { headers: { Authorization: `Bearer ${TOKEN}-wrong` } }), 401, "unauthorized");
    // an API key is not the metrics token
    const t = await newTenant();
    expectProblem(await api("GET", "/api/metrics", { key: t.test }), 401, "unauthorized");
  });

  it("counts requests per route, sends and verifies by outcome, and reports the queues", async () => {
    const t = await newTenant();
    const before = await scrape();
    const sent = await api("POST", "/api/v1/otp/send", { key: t.test, body: { recipient: randomMobile() } });
    expect(sent.status, sent.text).toBe(201);
    const wrong = await api("POST", "/api/v1/otp/verify", { key: t.test, body: { id: sent.body.id, code: "0000000000" } });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const read = await api("GET", `/api/v1/otp/${sent.body.id}`, { key: t.test });
    expect(read.status).toBe(200);

    // Other test files run at the same time against the same server: compare at least, not exactly.
    let after = "";
    await expect
      .poll(async () => {
        after = await scrape();
        return sample(after, 'otpilot_otp_sends_total{kind="send",outcome="accepted"}');
      })
      .toBeGreaterThanOrEqual(sample(before, 'otpilot_otp_sends_total{kind="send",outcome="accepted"}') + 1);
    const wrongCode = wrong.body.code as string;
    expect(sample(after, `otpilot_otp_verifies_total{outcome="${wrongCode}"}`)).toBeGreaterThanOrEqual(
      sample(before, `otpilot_otp_verifies_total{outcome="${wrongCode}"}`) + 1,
    );
    // Templates, not ids: a verification id never becomes a label value.
    expect(after).toContain('otpilot_http_requests_total{route="/api/v1/otp/{id}",method="GET",status="200"}');
    expect(after).not.toContain(sent.body.id);
    expect(after).toContain('otpilot_http_request_duration_seconds_bucket{le="0.1",route="/api/v1/otp/send",method="POST"}');
    // The test send delivered to the outbox, in the server process.
    expect(after).toMatch(/otpilot_delivery_outcomes_total\{provider="outbox",channel="\w+",outcome="delivered"\} \d+/);
    expect(after).toContain("# TYPE otpilot_queue_jobs gauge");
    expect(after).toContain("# TYPE otpilot_rate_limit_store_errors_total counter");
    expect(after).toContain("process_cpu_seconds_total");
  });
});
