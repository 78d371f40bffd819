import type { z } from "zod";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 16 * 1024;

/** Field paths and messages of a failed validation, for the `errors` member of a 400. */
export function validationErrors(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join(".") : "(body)",
    message: issue.message,
  }));
}

export function invalidRequest(error: z.ZodError, what = "body"): ApiError {
  const errors = validationErrors(error);
  const first = errors[0];
  const detail = first
    ? `The request ${what} is invalid: ${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}.`
    : `The request ${what} is invalid.`;
  return new ApiError("invalid_request", detail, { errors });
}

/**
 * Reads a JSON body of at most 16 KiB and validates it. Answers 415 for another content type, 413 for
 * a larger body (without reading past the limit), 400 for malformed JSON or a body that fails the schema.
 */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const contentType = request.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  const raw = await readLimitedText(request);
  if (raw.trim() === "") {
    // An empty body is an empty object: lets `POST /cancel` style calls with query-less bodies fail on the schema.
    return parseWith(schema, {});
  }
  if (mediaType !== "application/json" && !mediaType.endsWith("+json")) {
    throw new ApiError(
      "unsupported_media_type",
      `Send the body as JSON with "Content-Type: application/json" (got ${mediaType ? `"${mediaType}"` : "none"}).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid JSON.", {
      errors: [{ path: "(body)", message: "malformed JSON" }],
    });
  }
  assertStorableText(parsed, "body");
  return parseWith(schema, parsed);
}

/** How deep a JSON body may nest (`metadata` included): deeper input is refused, not recursed into. */
export const MAX_JSON_DEPTH = 20;

/**
 * Refuses text PostgreSQL cannot store or that is not text at all: a NUL character (`text` and `jsonb`
 * refuse it) or a lone UTF-16 surrogate (not encodable as UTF-8), in any string or object key, and
 * nesting deeper than MAX_JSON_DEPTH. Runs at the boundary, before validation and before any use case
 * (so before any rate limit is spent). Walks without recursion, so no input can exhaust the stack.
 */
export function assertStorableText(value: unknown, where: "body" | "query" | "path"): void {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item.value === "string") {
      checkString(item.value, item.path, where);
      continue;
    }
    if (item.value === null || typeof item.value !== "object") continue;
    if (item.path.length >= MAX_JSON_DEPTH) {
      throw refused(item.path, `nested more than ${MAX_JSON_DEPTH} levels deep`, where);
    }
    for (const [key, child] of Object.entries(item.value)) {
      const path = [...item.path, key];
      if (!Array.isArray(item.value)) checkString(key, path, where, "its name");
      stack.push({ value: child, path });
    }
  }
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkString(text: string, path: string[], where: string, what = "it"): void {
  if (text.includes("\u0000"))
    throw refused(path, `${what} contains a NUL character (\\u0000), which cannot be stored`, where);
  if (LONE_SURROGATE.test(text)) {
    throw refused(path, `${what} contains a lone UTF-16 surrogate (not valid Unicode text)`, where);
  }
}

function refused(path: string[], message: string, where: string): ApiError {
  const field = path.length ? path.join(".") : `(${where})`;
  return new ApiError("invalid_request", `The request ${where} is invalid: ${field}: ${message}.`, {
    errors: [{ path: field, message }],
  });
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(result.error);
  return result.data;
}

/** Validates query parameters (each given once; repeated parameters take the last value). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  assertStorableText(params, "query");
  const result = schema.safeParse(params);
  if (!result.success) throw invalidRequest(result.error, "query");
  return result.data;
}

/**
 * Reads a body, stopping at `maxBytes` whatever Content-Length claims: null when it is larger (the
 * rest is never read). Shared by the API (16 KiB) and the provider callbacks (their own cap).
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    return null;
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readLimitedText(request: Request): Promise<string> {
  const bytes = await readBodyCapped(request, MAX_BODY_BYTES);
  if (bytes === null) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid UTF-8.");
  }
}

const tooLarge = () =>
  new ApiError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
