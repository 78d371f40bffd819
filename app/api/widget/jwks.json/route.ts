import { publishedJwks } from "@/lib/tokens/jwks";

/** `/.well-known/jwks.json` (rewritten here by next.config.ts): the public keys of widget tokens. */
export async function GET(): Promise<Response> {
  return new Response(JSON.stringify(await publishedJwks()), {
    headers: {
      "Content-Type": "application/jwk-set+json; charset=utf-8",
      // Short: a rotated key must reach verifiers well within a token's 5-minute life.
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
