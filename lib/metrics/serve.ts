import { env } from "@/lib/config/env";
import { metricsAccess } from "./guard";
import { metrics } from "./registry";

export type MetricsAnswer =
  | { status: 200; body: string; contentType: string }
  | { status: 401 | 404; code: "unauthorized" | "not_found"; detail: string };

/** GET /api/metrics: the Prometheus text exposition of this process, for a caller with the token. */
export async function metricsAnswer(authorization: string | null): Promise<MetricsAnswer> {
  const access = metricsAccess(authorization, env().OTPILOT_METRICS_TOKEN);
  if (access === "disabled")
    return { status: 404, code: "not_found", detail: "Metrics are off: set OTPILOT_METRICS_TOKEN to turn them on." };
  if (access === "unauthorized")
    return { status: 401, code: "unauthorized", detail: "Send the metrics token as `Authorization: Bearer <OTPILOT_METRICS_TOKEN>`." };
  const { registry } = metrics();
  return { status: 200, body: await registry.metrics(), contentType: registry.contentType };
}
