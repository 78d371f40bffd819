import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { readQuery } from "@/lib/http/body";
import { getVerification } from "@/lib/otp/get-verification";
import { statusQuerySchema } from "@/lib/otp/schemas";

export const GET = apiRoute(async ({ request, principal }) => {
  const { id } = readQuery(request, statusQuerySchema);
  return json(await getVerification(principal, id));
});

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
