import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";
import { listVerifications, listQuerySchema } from "@/lib/reads/list-verifications";

export const GET = apiRoute(async ({ request, principal }) =>
  json(await listVerifications(principal, readQuery(request, listQuerySchema))),
);

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
