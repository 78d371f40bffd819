import { anonymousProblem } from "@/lib/http/api-route";
import { ApiError } from "@/lib/http/errors";

// Any /api/ path no route matches: a problem+json 404 instead of Next's HTML page.
const notFound = (request: Request) =>
  anonymousProblem(request, new ApiError("not_found", `There is no API endpoint at ${new URL(request.url).pathname}.`));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
