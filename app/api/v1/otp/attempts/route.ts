import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";
import { listAttempts, attemptsQuerySchema } from "@/lib/reads/list-attempts";

export const GET = apiRoute(async ({ request, principal }) =>
  json(await listAttempts(principal, readQuery(request, attemptsQuerySchema).id)),
);

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
