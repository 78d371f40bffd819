import { z } from "zod";
import { assertStorableText, invalidRequest, readBodyCapped, MAX_BODY_BYTES } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";

/**
 * Reference 003 passes every parameter in the query string (its examples) or in the body (its
 * tables): both are read, a body value winning over a query value of the same name. Bodies may be
 * JSON or form-encoded, at most 16 KiB, with the native text rules (no NUL, no lone surrogates).
 * Read once per request and remembered, because the credential (`key`) is among them.
 */
const read = new WeakMap<Request, Promise<Record<string, unknown>>>();

export function campaignParams(request: Request): Promise<Record<string, unknown>> {
  let params = read.get(request);
  if (!params) {
    params = readParams(request);
    read.set(request, params);
  }
  return params;
}

async function readParams(request: Request): Promise<Record<string, unknown>> {
  const query = Object.fromEntries(new URL(request.url).searchParams.entries());
  assertStorableText(query, "query");
  const bytes = await readBodyCapped(request, MAX_BODY_BYTES);
  if (bytes === null) throw new ApiError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid UTF-8.");
  }
  if (text.trim() === "") return query;
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let body: unknown;
  if (mediaType === "application/x-www-form-urlencoded") body = Object.fromEntries(new URLSearchParams(text).entries());
  else if (mediaType === "application/json" || mediaType.endsWith("+json")) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError("invalid_request", "The request body is not valid JSON.", { errors: [{ path: "(body)", message: "malformed JSON" }] });
    }
  } else {
    throw new ApiError(
      "unsupported_media_type",
      'Send the parameters in the query string, or as a JSON or form-encoded body ("Content-Type: application/json" or "application/x-www-form-urlencoded").',
    );
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError("invalid_request", "The request body must be a JSON object.", { errors: [{ path: "(body)", message: "not an object" }] });
  }
  assertStorableText(body, "body");
  return { ...query, ...body };
}

/** Validates the merged parameters with a style schema (400 with field paths, as natively). */
export function parseCampaign<S extends z.ZodType>(params: Record<string, unknown>, schema: S): z.infer<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw invalidRequest(result.error, "parameters");
  return result.data;
}
