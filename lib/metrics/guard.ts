import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "disabled" | "unauthorized" | "allowed";

/**
 * Who may read /api/metrics: nobody while OTPILOT_METRICS_TOKEN is unset (the endpoint answers
 * 404, as if absent), else a caller presenting `Authorization: Bearer <token>`. Compared as SHA-256
 * digests in constant time, so neither the token nor its length leaks through timing.
 */
export function metricsAccess(authorization: string | null, token: string | undefined): MetricsAccess {
  if (!token) return "disabled";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return "unauthorized";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token)) ? "allowed" : "unauthorized";
}
