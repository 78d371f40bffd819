import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { assertKeyAllowsApp, type ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { ApiError } from "./errors";
import { problemResponse } from "./problem";

const TTL_MS = 24 * 3600_000;
const WAIT_FOR_FIRST_MS = 15_000;
const MAX_KEY_LENGTH = 255;

type Outcome = { status: number; body: unknown };

/**
 * Stripe-style idempotency for POSTs that create something (CONTRACT §4 send):
 * - the first request with a key runs; its response (2xx and 4xx alike) is stored for 24 h;
 * - a repeat with the same key and the same request gets the stored response and does nothing;
 * - a concurrent repeat waits for the first to finish, then gets its response;
 * - the same key with another request answers 409 `idempotency_conflict`.
 * 429 and 5xx answers are not stored (nothing happened; the caller may retry with the same key).
 * The claim is committed before the work starts, so concurrent duplicates see it.
 *
 * Records belong to the API key that made the first request (and so to its mode, as Stripe scopes
 * them per account and mode): another key, a test key replaying a live key's Idempotency-Key or the
 * reverse, starts its own request. A replay also re-checks the key may use the stored response's app.
 *
 * Nothing stored holds a code: a response's top-level `code` (an `exposeCode` app's send) is left
 * out of the stored replay, so a replay answers the same status and body without `code`. The code
 * is not re-derivable from what is stored (only its HMAC is kept); a caller who lost the first
 * response asks for a resend.
 */
export async function withIdempotency(
  request: { principal: ApiKeyPrincipal; key: string | null; method: string; path: string; body: unknown },
  run: () => Promise<Outcome>,
): Promise<Response> {
  if (request.key === null) return toResponse(await run());
  if (request.key.length === 0 || request.key.length > MAX_KEY_LENGTH) {
    throw new ApiError("invalid_request", `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`, {
      errors: [{ path: "Idempotency-Key", message: "1 to 255 characters" }],
    });
  }
  const requestHash = createHash("sha256")
    .update(`${request.method} ${request.path}\n${stableStringify(request.body)}`)
    .digest("hex");
  const prisma = await db();
  const claim = await claimKey(request.principal, request.key, requestHash);
  if (claim.kind === "replay") return toResponse(claim.outcome, true);

  let outcome: Outcome;
  try {
    outcome = await run();
  } catch (thrown) {
    if (!(thrown instanceof ApiError) || !storable(thrown.status)) {
      await prisma.idempotencyRecord.delete({ where: { id: claim.id } }).catch(() => {});
      throw thrown;
    }
    await prisma.idempotencyRecord.update({
      where: { id: claim.id },
      data: { responseStatus: thrown.status, responseBody: problemBody(thrown) },
    });
    return problemResponse(thrown);
  }
  if (storable(outcome.status)) {
    await prisma.idempotencyRecord.update({
      where: { id: claim.id },
      data: { responseStatus: outcome.status, responseBody: withoutCode(outcome.body), appId: appIdOf(outcome.body) },
    });
  } else {
    await prisma.idempotencyRecord.delete({ where: { id: claim.id } }).catch(() => {});
  }
  return toResponse(outcome);
}

type Claim = { kind: "claimed"; id: string } | { kind: "replay"; outcome: Outcome };

async function claimKey(principal: ApiKeyPrincipal, key: string, requestHash: string): Promise<Claim> {
  const { tenantId, keyId: apiKeyId, mode } = principal;
  const prisma = await db();
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const id = newId("idem");
    try {
      await prisma.idempotencyRecord.create({
        data: { id, tenantId, apiKeyId, mode, key, requestHash, expiresAt: new Date(Date.now() + TTL_MS) },
      });
      return { kind: "claimed", id };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
    const existing = await prisma.idempotencyRecord.findFirst({ where: { tenantId, apiKeyId, mode, key } });
    if (!existing) continue; // the first request gave its claim back (429/5xx): try to claim again
    if (existing.expiresAt.getTime() <= Date.now()) {
      await prisma.idempotencyRecord.deleteMany({ where: { id: existing.id, expiresAt: { lte: new Date() } } });
      continue;
    }
    if (existing.requestHash !== requestHash) {
      throw new ApiError(
        "idempotency_conflict",
        "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
      );
    }
    if (existing.responseStatus !== null) {
      // The key's app restriction may be narrower now than when the response was stored.
      if (existing.appId) assertKeyAllowsApp(principal, existing.appId);
      return { kind: "replay", outcome: { status: existing.responseStatus, body: existing.responseBody } };
    }
    if (Date.now() > deadline) {
      throw new ApiError("idempotency_conflict", "A request with this Idempotency-Key is still in progress. Retry shortly.", {}, {
        "Retry-After": "1",
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const storable = (status: number) => status < 500 && status !== 429;

/** The stored form of a response body: never with a code in it (see withIdempotency). */
function withoutCode(body: unknown): Prisma.InputJsonValue {
  if (body && typeof body === "object" && !Array.isArray(body) && "code" in body) {
    const { code: _code, ...rest } = body as Record<string, unknown>;
    return rest as Prisma.InputJsonValue;
  }
  return body as Prisma.InputJsonValue;
}

function appIdOf(body: unknown): string | null {
  const appId = (body as { appId?: unknown } | null)?.appId;
  return typeof appId === "string" ? appId : null;
}

function problemBody(error: ApiError) {
  return { __problem: true, code: error.code, detail: error.detail, extra: error.extra } as Prisma.InputJsonValue;
}

function toResponse(outcome: Outcome, replayed = false): Response {
  const body = outcome.body as { __problem?: boolean; code?: string; detail?: string; extra?: Record<string, unknown> } | null;
  const response = body?.__problem
    ? problemResponse(new ApiError(body.code as never, body.detail ?? "", body.extra ?? {}))
    : new Response(JSON.stringify(outcome.body), {
        status: outcome.status,
        headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
      });
  if (replayed) response.headers.set("Idempotent-Replayed", "true");
  return response;
}

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same request. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
