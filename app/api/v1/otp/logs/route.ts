import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";
import { listEvents, logsQuerySchema } from "@/lib/reads/list-events";

export const GET = apiRoute(async ({ request, principal }) =>
  json(await listEvents(principal, readQuery(request, logsQuerySchema))),
);

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
