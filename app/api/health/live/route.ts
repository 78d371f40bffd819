import { methodNotAllowed, options } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers HTTP, nothing more (no database, no limiter). For orchestrators
 * that restart a stuck process, where `GET /api/health` (readiness: dependencies) would restart it
 * for an outage it cannot fix. The benchmark also measures it as the framework's floor: what the
 * same Next.js build costs for a request that does no work of ours.
 */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
export const OPTIONS = options(["GET"]);
