import { ApiError } from "@/lib/http/errors";
import { problemResponse } from "@/lib/http/problem";
import { metricsAnswer } from "@/lib/metrics/serve";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const answer = await metricsAnswer(request.headers.get("authorization"));
  if (answer.status !== 200) {
    const headers: Record<string, string> = answer.status === 401 ? { "WWW-Authenticate": 'Bearer realm="metrics"' } : {};
    return problemResponse(new ApiError(answer.code, answer.detail, {}, headers));
  }
  return new Response(answer.body, { headers: { "Content-Type": answer.contentType, "Cache-Control": "no-store" } });
}
