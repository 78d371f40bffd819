import { errorStatus } from "@/lib/http/errors";

/**
 * The route template of an API request, for metric labels: the path with each dynamic segment
 * replaced by its parameter's name (`/api/v1/apps/{id}/templates`). The segments come from the route
 * file that matched and the params Next parsed, so callers cannot invent new label values.
 */
export function routeTemplate(pathname: string, params: Record<string, string | string[] | undefined>): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) names.set(v, name);
  }
  return pathname
    .split("/")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // a malformed escape cannot be a param value: keep the raw segment
      }
      const name = names.get(decoded);
      return name === undefined ? segment : `{${name}}`;
    })
    .join("/");
}

/** A problem code as a label value: one of ours, or "other" (label values must stay few). */
export function outcomeLabel(code: unknown): string {
  return typeof code === "string" && Object.hasOwn(errorStatus, code) ? code : "other";
}

/** What a provider call came to: the status it reported, or the kind of error. */
export function deliveryOutcomeLabel(
  outcome: { result: { status: string } } | { error: { code: string; retryable: boolean } },
): string {
  if ("result" in outcome) return outcome.result.status;
  if (outcome.error.code === "outcome_unknown") return "outcome_unknown";
  return outcome.error.retryable ? "temporary_error" : "permanent_error";
}
