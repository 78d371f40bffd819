import { newId } from "@/lib/ids";
import { observeApiRequest } from "@/lib/metrics/record";
import { authenticateApiKey, readCredential, type ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import type { z } from "zod";
import { assertStorableText, readJsonBody } from "./body";
import { ApiError } from "./errors";
import { clientIp } from "./client-ip";
import { REQUESTED_METHOD_HEADER } from "./method-guard";
import { problemResponse, toProblem } from "./problem";
import { RateLimitTracker } from "./rate-limit-tracker";
import { RateLimitStoreUnavailableError } from "@/lib/rate-limit/errors";

export type ApiContext<Params> = {
  request: Request;
  params: Params;
  principal: ApiKeyPrincipal;
  requestId: string;
  /** the caller's IP, when it can be known (lib/http/client-ip.ts) */
  ip: string | null;
  /** applies rate-limit policies; the tightest one that applied ends up in the response headers */
  limits: RateLimitTracker;
};

type RouteContext<Params> = { params: Promise<Params> };

/**
 * The wrapper every `/api/v1/*` route for secret-key callers goes through. It authenticates the key
 * (CONTRACT §1), applies the per-key request limit, and gives every response — errors included — a
 * request id and the RateLimit-* headers (§5). Anything thrown becomes problem+json (§3).
 * Route files stay declarative: parse input, call one function in lib/, return json().
 */
export function apiRoute<Params = Record<string, never>>(
  handler: (ctx: ApiContext<Params>) => Promise<Response>,
): (request: Request, route: RouteContext<Params>) => Promise<Response> {
  return keyedRoute(
    {
      authenticate: (request, chargeKey) => authenticateApiKey(request.headers, chargeKey),
      errorResponse: renderProblem,
    },
    handler,
  );
}

/**
 * Like apiRoute, for a route that reads its JSON body before the key is checked, so that
 * `alongsideAuth(input)` — a read of the limiter's store the handler will want — starts in the same
 * tick as the authentication's own and shares its round trip. The body's errors are still answered
 * after the key's (a bad key is a 401 whatever the body), as on every route. For the hot path
 * (POST /otp/verify reads its verification's hint this way).
 */
export function bodyFirstRoute<S extends z.ZodType, Early, Params = Record<string, never>>(
  schema: S,
  alongsideAuth: (input: z.infer<S>) => Promise<Early>,
  handler: (ctx: ApiContext<Params> & { input: z.infer<S>; early: Early | undefined }) => Promise<Response>,
): (request: Request, route: RouteContext<Params>) => Promise<Response> {
  return async (request, route) => {
    const body = await readJsonBody(request, schema).then(
      (input: z.infer<S>) => ({ ok: true as const, input }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    let early: Promise<Early> | undefined;
    // The pipeline for this request: its authentication starts the body's read beside its own.
    return keyedRoute<Params>(
      {
        authenticate: (_, chargeKey) =>
          authenticateApiKey(request.headers, chargeKey, body.ok ? () => (early = alongsideAuth(body.input)) : undefined),
        errorResponse: renderProblem,
      },
      async (ctx) => {
        if (!body.ok) throw body.error;
        return handler({ ...ctx, input: body.input, early: await early });
      },
    )(request, route);
  };
}

/**
 * The pipeline of every route for secret-key callers, whatever shape its answers take (the native
 * API's problem+json, or a compatibility style's own bodies: lib/compat): authenticate the key with
 * its per-key limit in the same round trip, run the handler; on failure give back the limits a
 * dependency outage charged and render the error; then the request id, RateLimit-* headers and
 * metrics on every answer.
 */
export function keyedRoute<Params>(
  options: {
    /** the request's key, charging `chargeKey` (the per-key limit) as authenticateApiKey does */
    authenticate: (request: Request, chargeKey: (key: ApiKeyPrincipal) => Promise<void>) => Promise<ApiKeyPrincipal>;
    /** an error (an ApiError, or what toProblem made of anything else) as the caller's API shows it */
    errorResponse: ErrorRenderer;
  },
  handler: (ctx: ApiContext<Params>) => Promise<Response>,
): (request: Request, route: RouteContext<Params>) => Promise<Response> {
  return async (request, route) => {
    const observe = observeApiRequest(request, route);
    const requestId = newId("req");
    let limits = new RateLimitTracker();
    let response: Response;
    const ip = clientIp(request.headers);
    try {
      const principal = await options.authenticate(request, (key) => limits.checkKey(key)).catch(
        async (error: unknown) => {
          if (!isRefusedKey(error) && !isKeyLookupFailure(error)) throw error; // the per-key limit's own answer
          // A refused credential counts against the per-IP limit; a lookup that failed because the
          // database is down is not the caller's doing and only shows that limit's state. Either way
          // the headers are the per-IP limit's, not those of a key that turned out revoked.
          limits = new RateLimitTracker();
          if (isRefusedKey(error)) await limits.checkAnonymous(ip);
          else await limits.peekAnonymous(ip);
          throw error;
        },
      );
      const params = ((await route?.params) ?? {}) as Params;
      assertStorableText(params, "path");
      response = await handler({ request, params, principal, requestId, ip, limits });
    } catch (thrown) {
      await limits.refundIfUnavailable(thrown);
      response = renderError(options.errorResponse, toProblem(thrown, requestId), request);
    }
    response.headers.set("X-Request-Id", requestId);
    limits.writeHeaders(response.headers);
    observe(response);
    return response;
  };
}

/** A JSON response. */
export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const responseHeaders = new Headers(headers);
  responseHeaders.set("Content-Type", "application/json; charset=utf-8");
  responseHeaders.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers: responseHeaders });
}

/**
 * An answer that needs no key (unknown path, wrong method, OPTIONS, the public OpenAPI document),
 * still with a request id and the RateLimit-* headers of the limit that applied: the key's when the
 * request carries a valid one, else the per-IP limit for requests without a key.
 */
export async function answerAnyCaller(request: Request, answer: () => Response | Promise<Response>): Promise<Response> {
  const requestId = newId("req");
  const limits = new RateLimitTracker();
  const ip = clientIp(request.headers);
  let response: Response;
  try {
    await applyCallerLimit(request, limits, ip);
    response = await answer();
  } catch (thrown) {
    response = problemResponse(toProblem(thrown, requestId));
  }
  response.headers.set("X-Request-Id", requestId);
  limits.writeHeaders(response.headers);
  return response;
}

async function applyCallerLimit(request: Request, limits: RateLimitTracker, ip: string | null): Promise<void> {
  if (!readCredential(request.headers)) return limits.checkAnonymous(ip);
  try {
    await authenticateApiKey(request.headers, (key) => limits.checkKey(key));
  } catch (error) {
    if (isRefusedKey(error)) return limits.checkAnonymous(ip);
    if (isKeyLookupFailure(error)) return limits.peekAnonymous(ip); // nobody's fault, nobody charged
    throw error;
  }
}

/** authenticateApiKey's 401 (the per-key limit it also runs answers 429 or 503, never 401). */
function isRefusedKey(error: unknown): boolean {
  return error instanceof ApiError && error.code === "unauthorized";
}

/** The key could not be looked up (the database is down), as opposed to an answer of the limiter. */
function isKeyLookupFailure(error: unknown): boolean {
  return !(error instanceof ApiError) && !(error instanceof RateLimitStoreUnavailableError);
}

/** A problem+json answer that needs no key (see answerAnyCaller). */
export function anonymousProblem(request: Request, error: ApiError): Promise<Response> {
  return answerAnyCaller(request, () => problemResponse(error));
}

/** How a path's API renders an error: problem+json natively, a compatibility style's own shape under /compat. */
export type ErrorRenderer = (error: ApiError, request: Request) => Response;

const renderProblem: ErrorRenderer = (error) => problemResponse(error);

/** `render`'s answer to an error, with the error's own headers (Retry-After, Allow…) whatever shape its body takes. */
function renderError(render: ErrorRenderer, error: ApiError, request: Request): Response {
  const response = render(error, request);
  for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
  return response;
}

/** The `Allow` value of a route serving `allowed`: HEAD comes with GET, OPTIONS always. */
function allowHeader(allowed: readonly string[]): string {
  const methods = new Set(allowed.map((method) => method.toUpperCase()));
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  return [...methods].join(", ");
}

/** For route files: the 405 of a method a path does not have, naming the methods it has. */
export function methodNotAllowed(allowed: string[], render: ErrorRenderer = renderProblem) {
  return (request: Request) => refuseMethod(request, allowed, request.method, render);
}

function refuseMethod(request: Request, allowed: string[], method: string, render: ErrorRenderer): Promise<Response> {
  const error = new ApiError(
    "method_not_allowed",
    `This path does not accept ${method}; it accepts ${allowed.join(", ")}.`,
    {},
    { Allow: allowHeader(allowed) },
  );
  return answerAnyCaller(request, () => renderError(render, error, request));
}

/** For route files: `OPTIONS` answers 204 with the route's real methods (Next's default lists every export). */
export function options(allowed: string[], render: ErrorRenderer = renderProblem) {
  return (request: Request) => {
    // A method Next cannot route (TRACE, PROPFIND…) arrives here as OPTIONS (lib/http/method-guard.ts).
    const requested = request.headers.get(REQUESTED_METHOD_HEADER);
    if (requested) return refuseMethod(request, allowed, requested, render);
    return answerAnyCaller(request, () => new Response(null, { status: 204, headers: { Allow: allowHeader(allowed) } }));
  };
}
