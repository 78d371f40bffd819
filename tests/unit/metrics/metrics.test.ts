import { describe, expect, it } from "vitest";
import { metricsAccess } from "@/lib/metrics/guard";
import { deliveryOutcomeLabel, outcomeLabel, routeTemplate } from "@/lib/metrics/labels";
import { observeApiRequest, recordDeliveryOutcome, recordJobFailure, recordLimiterError } from "@/lib/metrics/record";
import { metrics } from "@/lib/metrics/registry";

describe("metrics labels", () => {
  it("names routes by their template, from the params the route matched", () => {
    expect(routeTemplate("/api/v1/otp/send", {})).toBe("/api/v1/otp/send");
    expect(routeTemplate("/api/v1/otp/ver_01abc", { id: "ver_01abc" })).toBe("/api/v1/otp/{id}");
    expect(routeTemplate("/api/v1/apps/app_1/templates/tpl_2", { id: "app_1", templateId: "tpl_2" })).toBe(
      "/api/v1/apps/{id}/templates/{templateId}",
    );
    // Next hands params decoded; the path keeps its escapes.
    expect(routeTemplate("/api/v1/otp/a%20b", { id: "a b" })).toBe("/api/v1/otp/{id}");
    expect(routeTemplate("/api/v1/otp/%E0%A4%A", { id: "x" })).toBe("/api/v1/otp/%E0%A4%A");
  });

  it("keeps outcome labels to the known problem codes", () => {
    expect(outcomeLabel("invalid_code")).toBe("invalid_code");
    expect(outcomeLabel("rate_limited")).toBe("rate_limited");
    expect(outcomeLabel("made_up_by_a_caller")).toBe("other");
    expect(outcomeLabel("toString")).toBe("other");
    expect(outcomeLabel(undefined)).toBe("other");
  });

  it("names delivery outcomes by status or error kind", () => {
    expect(deliveryOutcomeLabel({ result: { status: "delivered" } })).toBe("delivered");
    expect(deliveryOutcomeLabel({ error: { code: "provider_timeout", retryable: true } })).toBe("temporary_error");
    expect(deliveryOutcomeLabel({ error: { code: "invalid_number", retryable: false } })).toBe("permanent_error");
    expect(deliveryOutcomeLabel({ error: { code: "outcome_unknown", retryable: false } })).toBe("outcome_unknown");
  });
});

describe("metrics token guard", () => {
  const token = "a-long-enough-metrics-token";
  it("is off without a token, whatever the caller sends", () => {
    expect(metricsAccess(`Bearer ${token}`, undefined)).toBe("disabled");
    expect(metricsAccess(null, "")).toBe("disabled");
  });
  it("wants the exact bearer token", () => {
    expect(metricsAccess(`Bearer ${token}`, token)).toBe("allowed");
    expect(metricsAccess(`bearer ${token}`, token)).toBe("allowed");
    expect(metricsAccess(null, token)).toBe("unauthorized");
    expect(metricsAccess(token, token)).toBe("unauthorized");
    expect(metricsAccess(`Bearer ${token}x`, token)).toBe("unauthorized");
    expect(metricsAccess(`Bearer ${token.slice(1)}`, token)).toBe("unauthorized");
    expect(metricsAccess(`Basic ${token}`, token)).toBe("unauthorized");
  });
});

describe("metrics exposition", () => {
  const text = (name: string) => metrics().registry.getSingleMetricAsString(name);

  it("counts requests per route template with their latency, and send/verify outcomes", async () => {
    const request = new Request("http://localhost/api/v1/otp/verify", { method: "POST" });
    observeApiRequest(request, { params: Promise.resolve({}) })(Response.json({ valid: true }));
    const problem = new Response(JSON.stringify({ code: "invalid_code" }), {
      status: 422,
      headers: { "Content-Type": "application/problem+json" },
    });
    observeApiRequest(request, { params: Promise.resolve({}) })(problem);
    await expect.poll(async () => text("otpilot_otp_verifies_total")).toContain('otpilot_otp_verifies_total{outcome="invalid_code"} 1');
    expect(await problem.text()).toContain("invalid_code"); // the caller's body is untouched
    expect(await text("otpilot_otp_verifies_total")).toContain('otpilot_otp_verifies_total{outcome="approved"} 1');
    expect(await text("otpilot_http_requests_total")).toContain(
      'otpilot_http_requests_total{route="/api/v1/otp/verify",method="POST",status="422"} 1',
    );
    expect(await text("otpilot_http_request_duration_seconds")).toContain(
      'otpilot_http_request_duration_seconds_count{route="/api/v1/otp/verify",method="POST"} 2',
    );
  });

  it("counts deliveries, job failures and limiter errors", async () => {
    recordDeliveryOutcome("twilio", "sms", { result: { status: "sent" } });
    recordDeliveryOutcome("twilio", "sms", { error: { code: "x", retryable: true } });
    recordJobFailure("delivery.attempt");
    const failure = new Error("store down");
    await expect(Promise.reject(failure).catch(recordLimiterError)).rejects.toBe(failure);
    expect(await text("otpilot_delivery_outcomes_total")).toContain(
      'otpilot_delivery_outcomes_total{provider="twilio",channel="sms",outcome="temporary_error"} 1',
    );
    expect(await text("otpilot_job_failures_total")).toContain('otpilot_job_failures_total{queue="delivery.attempt"} 1');
    expect(await text("otpilot_rate_limit_store_errors_total")).toMatch(/^otpilot_rate_limit_store_errors_total 1$/m);
  });
});

describe("GET /api/metrics answers", () => {
  it("404 while OTPILOT_METRICS_TOKEN is unset, 401 with a wrong token, the exposition with the right one", async () => {
    const { resetEnvCache } = await import("@/lib/config/env");
    const { metricsAnswer } = await import("@/lib/metrics/serve");
    try {
      delete process.env.OTPILOT_METRICS_TOKEN;
      resetEnvCache();
      expect(await metricsAnswer("Bearer anything-at-all-here")).toMatchObject({ status: 404, code: "not_found" });
      process.env.OTPILOT_METRICS_TOKEN = "unit-test-metrics-token";
      resetEnvCache();
      expect(await metricsAnswer("Bearer wrong-token-of-some-length")).toMatchObject({ status: 401, code: "unauthorized" });
      recordJobFailure("unit");
      const allowed = await metrics().registry.getSingleMetricAsString("otpilot_job_failures_total");
      expect(allowed).toContain("# TYPE otpilot_job_failures_total counter");
    } finally {
      delete process.env.OTPILOT_METRICS_TOKEN;
      resetEnvCache();
    }
  });
});
