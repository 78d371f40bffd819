import { env } from "@/lib/config/env";
import { answerAnyCaller, methodNotAllowed, options } from "@/lib/http/api-route";
import { buildOpenApiDocument } from "@/lib/openapi/document";

let document: string | undefined;

// Public and the same for every caller until the next deploy: built once, readable by API tools on
// other origins. Like every /api/v1 answer it carries a request id and the RateLimit-* headers of
// the caller (the key's limit with a key), so it is cached only privately. Without a configured base
// URL the server is "/", i.e. wherever the document was fetched from.
export const GET = (request: Request) =>
  answerAnyCaller(request, () => {
    document ??= JSON.stringify(buildOpenApiDocument({ serverUrl: env().OTPILOT_BASE_URL ?? "/" }));
    return new Response(document, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "private, max-age=300",
        "Access-Control-Allow-Origin": "*",
      },
    });
  });

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
