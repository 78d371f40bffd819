import type { OpenAPIV3_1 } from "openapi-types";
import { z } from "zod";
import { errorStatus, type ErrorCode } from "@/lib/http/errors";
import { appOperations } from "./operations/apps";
import { COMPAT_OPERATIONS, COMPAT_SECURITY, type CompatOperation } from "./operations/compat";
import { auditOperations } from "./operations/audit";
import { insightOperations } from "./operations/insight";
import { otpOperations } from "./operations/otp";
import { tenantOperations } from "./operations/tenant";
import { testingOperations } from "./operations/testing";
import { tokenOperations } from "./operations/tokens";
import { webhookOperations } from "./operations/webhooks";
import { TAGS, type ApiOperation } from "./registry";
import { problemObject } from "./schemas";

/** Every public operation under /api/v1, in the order the reference shows them. */
export const API_OPERATIONS: ApiOperation[] = [
  ...otpOperations,
  ...insightOperations,
  ...appOperations,
  ...webhookOperations,
  ...tenantOperations,
  ...auditOperations,
  ...testingOperations,
  ...tokenOperations,
];

type JsonSchema = Record<string, unknown>;

const SECURITY_SCHEMES: Record<string, OpenAPIV3_1.SecuritySchemeObject> = {
  bearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "otpsk_…",
    description: "`Authorization: Bearer <secret>` with a secret key (`otpsk_live_…` or `otpsk_test_…`).",
  },
  basic: { type: "http", scheme: "basic", description: "`Authorization: Basic base64(<keyId>:<secret>)`." },
  keyId: {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "The key id (`key_…`); send the secret in `X-API-Secret` with it.",
  },
  keySecret: {
    type: "apiKey",
    in: "header",
    name: "X-API-Secret",
    description: "The secret, next to `X-API-Key: <keyId>`.",
  },
  secretHeader: {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "`X-API-Key: <secret>` alone.",
  },
  // Only the compatibility routes (tag Compat) take these.
  userJwtToken: {
    type: "apiKey",
    in: "header",
    name: "user-jwt-token",
    description: "The user-auth compatibility style: a secret key in the `user-jwt-token` header.",
  },
  campaignKey: {
    type: "apiKey",
    in: "query",
    name: "key",
    description: "The campaign compatibility style: a secret key in the `key` parameter (discouraged: URLs are logged).",
  },
};

// Any one of the four forms of CONTRACT §1; keyId + keySecret in one object means both headers.
const KEY_SECURITY: OpenAPIV3_1.SecurityRequirementObject[] = [
  { bearer: [] },
  { basic: [] },
  { keyId: [], keySecret: [] },
  { secretHeader: [] },
];

const HEADERS: Record<string, OpenAPIV3_1.HeaderObject> = {
  "X-Request-Id": { description: "Identifies the request in the server's logs.", schema: { type: "string" } },
  "RateLimit-Limit": {
    description:
      "The tightest limit that applied to this call (the one that refused it, on a 429). RateLimit-* follow " +
      "draft-ietf-httpapi-ratelimit-headers-06.",
    schema: { type: "integer" },
  },
  "RateLimit-Remaining": { description: "Calls left in its window.", schema: { type: "integer" } },
  "RateLimit-Reset": {
    description: "Seconds until its window resets; never earlier than Retry-After.",
    schema: { type: "integer" },
  },
  "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } },
};

const headerRefs = (names: string[]) =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
const STANDARD_HEADERS = ["X-Request-Id", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"];

/**
 * Turns zod schemas into the JSON Schema 2020-12 of OpenAPI 3.1 (zod's own z.toJSONSchema). Schemas
 * with a registered `id` (lib/openapi/schemas.ts) become shared components, referenced by $ref.
 */
class SchemaConverter {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: "input" | "output"): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      // Transforms and refinements have no JSON Schema; the input or output type around them does.
      unrepresentable: "any",
      override: ({ jsonSchema }) => {
        const node = jsonSchema as JsonSchema;
        // zod spells date formats out as long regexes as well; the format says it.
        if (node.format === "date-time" || node.format === "date") delete node.pattern;
        // z.int() bounds are JavaScript's safe-integer range, not an API limit.
        if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
        if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
        // Responses may gain fields over time: clients must not reject unknown ones (and an absent
        // additionalProperties already allows them).
        const extra = node.additionalProperties;
        if (
          io === "output" &&
          (extra === false || (typeof extra === "object" && extra && !Object.keys(extra).length))
        ) {
          delete node.additionalProperties;
        }
      },
    }) as JsonSchema;
    const { $schema: _, $defs, ...root } = json;
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.addComponent(id, rewriteRefs(definition) as JsonSchema);
    }
    return rewriteRefs(root) as JsonSchema;
  }

  private addComponent(id: string, definition: JsonSchema) {
    const existing = this.components[id];
    if (existing && JSON.stringify(existing) !== JSON.stringify(definition)) {
      throw new Error(`Two different schemas are registered as "${id}" (one as input, one as output?)`);
    }
    this.components[id] = definition;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === "$ref" && typeof inner === "string"
        ? inner.replace(/^#\/\$defs\//, "#/components/schemas/")
        : rewriteRefs(inner),
    ]),
  );
}

/** The error codes an operation can answer: its own plus those every call of its kind can. */
export function operationErrorCodes(operation: ApiOperation): ErrorCode[] {
  const codes = new Set<ErrorCode>(operation.errors);
  if (!operation.public)
    ["unauthorized", "rate_limited", "unavailable", "internal_error"].forEach((c) =>
      codes.add(c as ErrorCode),
    );
  if (operation.query) codes.add("invalid_request");
  if (operation.body)
    ["invalid_request", "payload_too_large", "unsupported_media_type"].forEach((c) =>
      codes.add(c as ErrorCode),
    );
  return [...codes];
}

function errorResponses(operation: ApiOperation): Record<string, OpenAPIV3_1.ResponseObject> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of operationErrorCodes(operation)) {
    byStatus.set(errorStatus[code], [...(byStatus.get(errorStatus[code]) ?? []), code]);
  }
  const responses: Record<string, OpenAPIV3_1.ResponseObject> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const retry = status === 429 || status === 503;
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\``).join(", "),
      headers: headerRefs([...STANDARD_HEADERS, ...(retry ? ["Retry-After"] : [])]),
      content: {
        "application/problem+json": {
          schema: {
            allOf: [{ $ref: "#/components/schemas/Problem" }, { properties: { code: { enum: codes } } }],
          },
        },
      },
    };
  }
  return responses;
}

function parameters(operation: ApiOperation, converter: SchemaConverter): OpenAPIV3_1.ParameterObject[] {
  const list: OpenAPIV3_1.ParameterObject[] = Object.entries(operation.pathParams ?? {}).map(
    ([name, description]) => ({
      name,
      in: "path",
      required: true,
      description,
      schema: { type: "string" },
    }),
  );
  if (operation.query) {
    const query = converter.convert(operation.query, "input");
    const required = new Set((query.required ?? []) as string[]);
    for (const [name, property] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...schema } = property;
      list.push({
        name,
        in: "query",
        required: required.has(name),
        description: description as string | undefined,
        schema,
      });
    }
  }
  if (operation.idempotent) {
    list.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "A repeat within 24 h with the same key and body returns the first response and sends nothing.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
    });
  }
  return list;
}

function operationObject(operation: ApiOperation, converter: SchemaConverter): OpenAPIV3_1.OperationObject {
  const { response } = operation;
  const success: OpenAPIV3_1.ResponseObject = {
    description: response.description,
    // Every /api/v1 answer carries them, public ones included (the caller's key's limit, or the per-IP one).
    headers: headerRefs(STANDARD_HEADERS),
    ...(response.schema
      ? { content: { "application/json": { schema: converter.convert(response.schema, "output") } } }
      : {}),
  };
  const params = parameters(operation, converter);
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: operation.public ? [] : KEY_SECURITY,
    ...(params.length ? { parameters: params } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: converter.convert(operation.body, "input") } },
          },
        }
      : {}),
    responses: { [String(response.status)]: success, ...errorResponses(operation) },
  };
}

/** A compatibility route: its style's credential, body schema, and error statuses (bodies in the style's shape). */
function compatOperationObject(operation: CompatOperation, converter: SchemaConverter): OpenAPIV3_1.OperationObject {
  const errors = Object.fromEntries(
    [...new Set([...operation.errors, 500])].sort().map((status) => [
      String(status),
      { description: `An error in the ${operation.style} style's own body shape (see /docs/compat#${operation.style}).` },
    ]),
  );
  const body = operation.body ? converter.convert(operation.body, "input") : null;
  return {
    operationId: operation.operationId,
    tags: ["Compat"],
    summary: operation.summary,
    description: `Style \`${operation.style}\` (CONTRACT §12): mapping and differences at /docs/compat#${operation.style}.`,
    security: COMPAT_SECURITY[operation.style],
    ...(operation.pathParams
      ? {
          parameters: Object.entries(operation.pathParams).map(([name, description]) => ({
            name,
            in: "path",
            required: true,
            description,
            schema: { type: "string" },
          })),
        }
      : {}),
    ...(body
      ? {
          requestBody: {
            required: !operation.queryToo,
            content: {
              "application/json": { schema: body },
              ...(operation.queryToo ? { "application/x-www-form-urlencoded": { schema: body } } : {}),
            },
          },
        }
      : {}),
    responses: {
      [String(operation.response.status)]: { description: operation.response.description, headers: headerRefs(STANDARD_HEADERS) },
      ...errors,
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the routes' own zod schemas. */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): OpenAPIV3_1.Document {
  const converter = new SchemaConverter();
  converter.convert(problemObject, "output");
  const paths: OpenAPIV3_1.PathsObject = {};
  for (const operation of API_OPERATIONS) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: operationObject(operation, converter),
    };
  }
  for (const operation of COMPAT_OPERATIONS) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: compatOperationObject(operation, converter) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "OTPilot API",
      version: "1.0.0",
      description:
        "Send one-time codes by SMS or WhatsApp and verify them. Authenticate with a secret key in any of the " +
        "four header forms; errors are RFC 9457 problem+json with a stable `code`. Test keys (`otpsk_test_…`) " +
        "deliver to the outbox instead of a provider. Text fields refuse NUL characters and lone UTF-16 surrogates " +
        "(400 `invalid_request` naming the field), and request bodies nest at most 20 levels deep.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    security: KEY_SECURITY,
    paths,
    components: {
      schemas: converter.components as OpenAPIV3_1.ComponentsObject["schemas"],
      securitySchemes: SECURITY_SCHEMES,
      headers: HEADERS,
    },
  };
}
