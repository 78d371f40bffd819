import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";
import { readRateLimits, rateLimitsQuerySchema } from "@/lib/reads/read-rate-limits";

export const GET = apiRoute(async ({ request, principal }) =>
  json(await readRateLimits(principal, readQuery(request, rateLimitsQuerySchema))),
);

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
