import { attemptsQuerySchema } from "@/lib/reads/list-attempts";
import { logsQuerySchema } from "@/lib/reads/list-events";
import { listQuerySchema } from "@/lib/reads/list-verifications";
import { rateLimitsQuerySchema } from "@/lib/reads/read-rate-limits";
import { reportQuerySchema } from "@/lib/reports/build-report";
import type { ApiOperation } from "../registry";
import {
  attemptObject,
  eventObject,
  listOf,
  rateLimitStateObject,
  reportObject,
  verificationObject,
} from "../schemas";

export const insightOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/otp/list",
    operationId: "listOtps",
    tag: "Verifications",
    summary: "List verifications",
    description: "Newest first, filtered; page with `cursor` = the previous page's `nextCursor`.",
    query: listQuerySchema,
    response: {
      status: 200,
      description: "A page of verifications.",
      schema: listOf(verificationObject, true),
    },
    // `recipient` is read as a phone number: one that is not answers invalid_phone_number.
    errors: ["invalid_phone_number", "forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/v1/otp/attempts",
    operationId: "listOtpAttempts",
    tag: "Insight",
    summary: "List a verification's attempts",
    query: attemptsQuerySchema,
    response: { status: 200, description: "Every verify call, oldest first.", schema: listOf(attemptObject) },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/v1/otp/logs",
    operationId: "listOtpLogs",
    tag: "Insight",
    summary: "Read the event log",
    description: "Events of the tenant's verifications and messages, newest first.",
    query: logsQuerySchema,
    response: { status: 200, description: "A page of events.", schema: listOf(eventObject, true) },
    errors: ["forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/v1/otp/rate-limits",
    operationId: "getOtpRateLimits",
    tag: "Insight",
    summary: "Read rate-limit state",
    description: "The limits that apply to this key and, with `recipient`, to that number in the app.",
    query: rateLimitsQuerySchema,
    response: { status: 200, description: "The limits.", schema: listOf(rateLimitStateObject) },
    errors: ["invalid_phone_number", "forbidden", "not_found"],
  },
  {
    method: "get",
    path: "/api/v1/otp/reports",
    operationId: "getOtpReport",
    tag: "Insight",
    summary: "Delivery and conversion report",
    description: "Totals, a time series and optional groups (by channel or country) over a range, of the key's mode only: a test key's report counts test verifications, a live key's live ones.",
    query: reportQuerySchema,
    response: { status: 200, description: "The report.", schema: reportObject },
    errors: ["forbidden", "not_found"],
  },
];
