import { decodeJwt, decodeProtectedHeader, errors, importJWK, jwtVerify, type JWTPayload } from "jose";
import { baseUrl } from "@/lib/config/env";
import { timingSafeEqualStrings } from "@/lib/crypto/hmac";
import { db } from "@/lib/db/client";
import { ApiError } from "@/lib/http/errors";
import { isId } from "@/lib/ids";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import type { VerifyTokenInput } from "./schemas";
import { publishedSigningKeys } from "./signing-keys";
import { TOKEN_ALGORITHM, TOKEN_TTL_SECONDS } from "./token-claims";

export type RedeemedToken = {
  valid: true;
  recipient: string;
  appId: string;
  verificationId: string;
  origin: string;
  verifiedAt: string;
};

/** Why a token is not valid here: the `reason` of the 422, and the class its detail names. */
export type TokenRefusal = "malformed" | "algorithm" | "signature" | "expired" | "issuer" | "app" | "mode" | "nonce";

const DETAILS: Record<TokenRefusal, string> = {
  malformed: "The token is malformed: not a compact JWS with the claims of an OTPilot widget token.",
  algorithm: "The token is signed with another algorithm than ES256 (e.g. `none` or HS256); it is refused.",
  signature: "The token's signature does not verify with any key of this server's JWKS: it is forged or from another server.",
  expired: "The token has expired; widget tokens are valid for 5 minutes. Verify the number again.",
  issuer: "The token was issued by another OTPilot server.",
  app: "The token is for an app this API key may not use (another tenant's app, or one the key is restricted from).",
  mode: "The token was minted in the other mode: redeem test-mode widget tokens with a test key, live ones with a live key.",
  nonce: "The token's nonce differs from the nonce given: pass the nonce your page gave the widget.",
};

const refuse = (reason: TokenRefusal) => new ApiError("invalid_token", DETAILS[reason], { reason });

/**
 * Redeems a widget verification token (CONTRACT §8): verifies it (ES256 only, a published key,
 * not expired, this server's issuer), checks it belongs to the key's tenant, app and mode and to the
 * given nonce, then redeems it with one conditional insert keyed by the token's `jti`, so that of any
 * number of concurrent calls exactly one succeeds; the others answer 409 `token_used`.
 */
export async function redeemToken(principal: ApiKeyPrincipal, input: VerifyTokenInput): Promise<RedeemedToken> {
  const claims = await verifySignature(input.token);

  const appId = typeof claims.aud === "string" ? claims.aud : undefined;
  const { jti, sub, origin, mode } = claims as Record<string, unknown>;
  if (!appId || !isId("app", appId) || typeof jti !== "string" || !isId("ver", jti) || typeof sub !== "string" || typeof origin !== "string") {
    throw refuse("malformed");
  }
  if (typeof claims.exp !== "number" || typeof claims.iat !== "number" || claims.exp - claims.iat > TOKEN_TTL_SECONDS) {
    throw refuse("malformed");
  }
  if (mode !== "live" && mode !== "test") throw refuse("malformed");

  const prisma = await db();
  const app = await prisma.app.findFirst({ where: { id: appId, tenantId: principal.tenantId }, select: { id: true } });
  if (!app || (principal.appIds.length > 0 && !principal.appIds.includes(app.id))) throw refuse("app");
  if (mode !== principal.mode) throw refuse("mode");

  const tokenNonce = typeof claims.nonce === "string" ? claims.nonce : undefined;
  if ((tokenNonce !== undefined || input.nonce !== undefined) && !timingSafeEqualStrings(tokenNonce ?? "", input.nonce ?? "")) {
    throw refuse("nonce");
  }

  const verification = await prisma.verification.findFirst({
    where: { id: jti, tenantId: principal.tenantId, appId: app.id, mode: principal.mode, status: "approved" },
    select: { id: true, recipient: true, verifiedAt: true },
  });
  // A validly signed token always names an approved verification; a deleted one is "not here".
  if (!verification?.verifiedAt || verification.recipient !== sub) throw refuse("app");

  // The redemption: one insert on the token's id. Concurrent callers race on the primary key and
  // exactly one row is written; the others find it there.
  const inserted = await prisma.$executeRaw`
    INSERT INTO "TokenRedemption" ("jti", "tenantId", "appId", "keyId", "redeemedAt")
    VALUES (${jti}, ${principal.tenantId}, ${app.id}, ${principal.keyId}, now())
    ON CONFLICT ("jti") DO NOTHING`;
  if (inserted !== 1) throw new ApiError("token_used", "This token was already redeemed; each token is valid once.");

  return {
    valid: true,
    recipient: verification.recipient,
    appId: app.id,
    verificationId: verification.id,
    origin,
    verifiedAt: verification.verifiedAt.toISOString(),
  };
}

async function verifySignature(token: string): Promise<JWTPayload> {
  let kid: string | undefined;
  try {
    if (token.split(".").length !== 3) throw new Error("not three parts");
    const header = decodeProtectedHeader(token);
    decodeJwt(token);
    if (header.alg !== TOKEN_ALGORITHM) throw refuse("algorithm");
    kid = header.kid;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw refuse("malformed");
  }
  const entry = kid ? (await publishedSigningKeys()).find((k) => k.kid === kid) ?? (await publishedSigningKeys({ fresh: true })).find((k) => k.kid === kid) : undefined;
  if (!entry) throw refuse("signature");
  const key = await importJWK(entry.publicJwk, TOKEN_ALGORITHM);
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: [TOKEN_ALGORITHM], issuer: baseUrl() });
    return payload;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw refuse("expired");
    if (error instanceof errors.JWSSignatureVerificationFailed) throw refuse("signature");
    if (error instanceof errors.JOSEAlgNotAllowed) throw refuse("algorithm");
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === "iss") throw refuse("issuer");
    throw refuse("malformed");
  }
}
