import { ApiError } from "@/lib/http/errors";
import { problemResponse } from "@/lib/http/problem";

// Any /api/ path no route matches: a problem+json 404 instead of Next's HTML page.
const notFound = async (request: Request) =>
  problemResponse(new ApiError("not_found", `There is no API endpoint at ${new URL(request.url).pathname}.`));

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const HEAD = notFound;
export const OPTIONS = notFound;
