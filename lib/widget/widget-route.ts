import { newId } from "@/lib/ids";
import { clientIp } from "@/lib/http/client-ip";
import { problemResponse, toProblem } from "@/lib/http/problem";
import { RateLimitTracker } from "@/lib/http/rate-limit-tracker";
import { assertRequestOrigin, requireWidgetApp, serverOrigin, type WidgetApp } from "./widget-app";

export type WidgetContext = {
  request: Request;
  widget: WidgetApp;
  requestId: string;
  ip: string | null;
  limits: RateLimitTracker;
};

type RouteContext = { params: Promise<{ publishableKey: string }> };

/**
 * The wrapper of the widget API (`/api/widget/{publishableKey}/…`), beside the API-key one: the
 * publishable key names the app (401 when unknown or revoked), the request's Origin must be this
 * server or one of the app's `allowedOrigins` (403 otherwise), and every answer — errors included —
 * carries a request id and the RateLimit-* headers. Allowed foreign origins get CORS headers.
 */
export function widgetRoute(
  handler: (ctx: WidgetContext) => Promise<Response>,
): (request: Request, route: RouteContext) => Promise<Response> {
  return async (request, route) => {
    const requestId = newId("req");
    const limits = new RateLimitTracker();
    const ip = clientIp(request.headers);
    const origin = request.headers.get("origin");
    let response: Response;
    let corsOrigin: string | null = null;
    try {
      const { publishableKey } = await route.params;
      const widget = await requireWidgetApp(publishableKey).catch(async (error: unknown) => {
        await limits.checkAnonymous(ip);
        throw error;
      });
      assertRequestOrigin(widget.app, origin);
      if (origin && origin !== serverOrigin()) corsOrigin = origin;
      response = await handler({ request, widget, requestId, ip, limits });
    } catch (thrown) {
      await limits.refundIfUnavailable(thrown);
      response = problemResponse(toProblem(thrown, requestId));
    }
    response.headers.set("X-Request-Id", requestId);
    limits.writeHeaders(response.headers);
    if (corsOrigin) {
      response.headers.set("Access-Control-Allow-Origin", corsOrigin);
      response.headers.set("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset");
      response.headers.append("Vary", "Origin");
    }
    return response;
  };
}

/** CORS preflight: answered for allowed origins only (the POST itself checks again). */
export function widgetPreflight() {
  return widgetRoute(async () => {
    return new Response(null, {
      status: 204,
      headers: { "Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "600" },
    });
  });
}
