import { keyedRoute, type ApiContext } from "@/lib/http/api-route";
import type { ApiError } from "@/lib/http/errors";
import { authenticateApiKey, type ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import type { SendOrigin } from "@/lib/otp/send-otp";

/** The five compatibility styles of CONTRACT §12, each named after what its reference API does. */
export const COMPAT_STYLES = ["config-otp", "user-auth", "multi-channel", "campaign", "chat-otp"] as const;
export type CompatStyle = (typeof COMPAT_STYLES)[number];

/** An OTPilot secret key as one of the reference APIs passes it (the key id only with the pair/basic forms). */
export type CompatCredential = { secret: string; keyId?: string };

/** What makes a style: where its credential travels and how its errors look. */
export type CompatStyleSpec = {
  style: CompatStyle;
  /** The credential from where this API passes it; null when it is absent. */
  credential(request: Request): CompatCredential | null | Promise<CompatCredential | null>;
  /** An error (any ApiError the engine or the wrapper threw) in this API's own body and status. */
  errorResponse(error: ApiError, request: Request): Response;
};

export type CompatContext<Params> = ApiContext<Params> & {
  /** what the use cases record as the verification's origin: `compat:<style>` */
  origin: SendOrigin;
};

/**
 * The wrapper of every `/compat/<style>/*` route: the native API's pipeline (keyedRoute: key
 * authentication, the per-key and per-IP limits, request id, RateLimit-* headers, metrics), except
 * that the credential is read from where the style's API passes it and errors come out in that
 * API's shape instead of problem+json. Handlers translate the style's request into one native use
 * case call and its answer back; no engine rule lives here.
 */
export function compatRoute<Params = Record<string, never>>(
  spec: CompatStyleSpec,
  handler: (ctx: CompatContext<Params>) => Promise<Response>,
) {
  const origin: SendOrigin = { source: `compat:${spec.style}` };
  return keyedRoute<Params>(
    {
      authenticate: (request, chargeKey) => authenticate(spec, request, chargeKey),
      errorResponse: spec.errorResponse,
    },
    (ctx) => handler({ ...ctx, origin }),
  );
}

/**
 * Authenticates the style's credential with the native key check: it is handed over in the native
 * bearer (or basic, when a key id came with it) form, so every rule of CONTRACT §1 — checksum,
 * revocation, expiry, key-id match, failure logging — is the native one.
 */
async function authenticate(
  spec: CompatStyleSpec,
  request: Request,
  chargeKey: (key: ApiKeyPrincipal) => Promise<void>,
): Promise<ApiKeyPrincipal> {
  const credential = await spec.credential(request);
  const headers = new Headers(request.headers);
  for (const name of ["authorization", "x-api-key", "x-api-secret"]) headers.delete(name);
  if (credential?.secret) {
    headers.set(
      "authorization",
      credential.keyId !== undefined
        ? `Basic ${Buffer.from(`${credential.keyId}:${credential.secret}`).toString("base64")}`
        : `Bearer ${credential.secret}`,
    );
  }
  return authenticateApiKey(headers, chargeKey);
}

/** A JSON answer of a compatibility route (never cached, like the native API's). */
export function compatJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The credential of a header holding the secret alone (`X-API-KEY`, `user-jwt-token`). */
export function secretFromHeader(name: string) {
  return (request: Request): CompatCredential | null => {
    const value = request.headers.get(name)?.trim();
    return value ? { secret: value } : null;
  };
}

/** The credential of `Authorization: Bearer <secret>`. */
export function bearerCredential(request: Request): CompatCredential | null {
  const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match ? { secret: match[1]! } : null;
}
