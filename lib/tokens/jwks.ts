import type { JSONWebKeySet } from "jose";
import { publishedSigningKeys } from "./signing-keys";

/** The JWKS of `/.well-known/jwks.json`: every published key with its `kid`, newest first. */
export async function publishedJwks(): Promise<JSONWebKeySet> {
  const keys = await publishedSigningKeys();
  return { keys: keys.map((key) => ({ ...key.publicJwk, kid: key.kid, alg: "ES256", use: "sig" })) };
}
