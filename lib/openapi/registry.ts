import type { z } from "zod";
import type { ErrorCode } from "@/lib/http/errors";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export const TAGS = {
  Verifications: "Send a code, check it, resend or cancel it, read verifications.",
  Insight: "Attempts, event logs, rate-limit state and delivery reports.",
  Apps: "Apps and their settings, templates and webhook.",
  Testing: "The outbox of test-mode messages.",
  Meta: "This document.",
  Compat: "Compatibility routes (/compat/<style>/…): five other OTP APIs' paths and shapes onto the same engine. See /docs/compat.",
} as const;

export type Tag = keyof typeof TAGS;

/**
 * One public operation of /api/v1 as the OpenAPI document shows it. Request schemas are the zod
 * schemas the route validates with; `errors` lists the codes the operation itself can answer —
 * the document adds the ones every authenticated call or every body can answer.
 */
export type ApiOperation = {
  method: HttpMethod;
  /** OpenAPI path template, e.g. "/api/v1/apps/{id}/templates/{templateId}" */
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** no credential: only GET /api/v1/openapi.json */
  public?: boolean;
  pathParams?: Record<string, string>;
  /** an object schema (refined or transformed is fine): each property becomes a query parameter */
  query?: z.ZodType;
  body?: z.ZodType;
  /** accepts an `Idempotency-Key` header */
  idempotent?: boolean;
  response: { status: number; description: string; schema?: z.ZodType };
  errors: ErrorCode[];
};
