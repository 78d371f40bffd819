import { ProviderError } from "./types";

/** A provider call that takes longer is abandoned and counted as a retryable failure. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/**
 * POSTs to a provider. Network errors and timeouts become retryable ProviderErrors; any HTTP answer
 * is returned for the adapter to classify.
 */
export async function postToProvider(url: string, init: { headers: Record<string, string>; body: string }): Promise<Response> {
  try {
    return await fetch(url, { method: "POST", headers: init.headers, body: init.body, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS), redirect: "error" });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new ProviderError(timedOut ? `no answer within ${PROVIDER_TIMEOUT_MS / 1000} s` : `could not reach the provider: ${(error as Error).message}`, timedOut ? "timeout" : "network_error", true);
  }
}

/** 429 and 5xx are worth retrying; other HTTP errors are not. */
export function retryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  try {
    return (await response.json()) as Record<string, unknown>;
  } catch {
    return null;
  }
}
