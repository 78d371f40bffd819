import { apiRoute, json, methodNotAllowed, options } from "@/lib/http/api-route";
import { getVerification } from "@/lib/otp/get-verification";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) => json(await getVerification(principal, params.id)));

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
