import { env } from "@/lib/config/env";
import { methodNotAllowed } from "@/lib/http/api-route";
import { buildOpenApiDocument } from "@/lib/openapi/document";

let document: string | undefined;

// Public and the same for every caller until the next deploy: built once, cacheable, readable by
// API tools on other origins. Without a configured base URL the server is "/", i.e. wherever the
// document was fetched from.
export async function GET() {
  document ??= JSON.stringify(buildOpenApiDocument({ serverUrl: env().OTPILOT_BASE_URL ?? "/" }));
  return new Response(document, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
