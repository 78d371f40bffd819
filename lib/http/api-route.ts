import { newId } from "@/lib/ids";
import { observeApiRequest } from "@/lib/metrics/record";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { ApiError } from "./errors";
import { clientIp } from "./client-ip";
import { problemResponse, toProblem } from "./problem";
import { RateLimitTracker } from "./rate-limit-tracker";

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
  return async (request, route) => {
    const observe = observeApiRequest(request, route);
    const requestId = newId("req");
    const limits = new RateLimitTracker();
    let response: Response;
    const ip = clientIp(request.headers);
    try {
      const principal = await authenticateApiKey(request.headers).catch(async (error: unknown) => {
        await limits.checkAnonymous(ip);
        throw error;
      });
      await limits.checkKey(principal);
      const params = ((await route?.params) ?? {}) as Params;
      response = await handler({ request, params, principal, requestId, ip, limits });
    } catch (thrown) {
      response = problemResponse(toProblem(thrown, requestId));
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
 * A problem+json answer that needs no key (unknown path, wrong method), still with a request id and
 * the RateLimit-* headers of the per-IP limit for requests without a key.
 */
export async function anonymousProblem(request: Request, error: ApiError): Promise<Response> {
  const limits = new RateLimitTracker();
  let response: Response;
  try {
    await limits.checkAnonymous(clientIp(request.headers));
    response = problemResponse(error);
  } catch (thrown) {
    response = problemResponse(toProblem(thrown));
  }
  response.headers.set("X-Request-Id", newId("req"));
  limits.writeHeaders(response.headers);
  return response;
}

/** For route files: the 405 of a method a path does not have. */
export function methodNotAllowed(allowed: string[]) {
  return (request: Request) =>
    anonymousProblem(
      request,
      new ApiError("method_not_allowed", `This path accepts ${allowed.join(", ")}.`, {}, { Allow: allowed.join(", ") }),
    );
}
