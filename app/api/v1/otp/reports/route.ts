import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";
import { buildReport, reportQuerySchema } from "@/lib/reports/build-report";

export const GET = apiRoute(async ({ request, principal }) =>
  json(await buildReport(principal, readQuery(request, reportQuerySchema))),
);

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
