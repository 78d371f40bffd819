import { SignJWT } from "jose";
import { baseUrl } from "@/lib/config/env";
import { activeSigningKey } from "./signing-keys";
import { TOKEN_ALGORITHM, TOKEN_TTL_SECONDS } from "./token-claims";

/** Mints the verification token of an approved widget verification (CONTRACT §8). */
export async function signWidgetToken(input: {
  appId: string;
  recipient: string;
  verificationId: string;
  origin: string;
  nonce?: string;
  mode: "live" | "test";
}): Promise<string> {
  const { kid, privateKey } = await activeSigningKey();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ origin: input.origin, mode: input.mode, ...(input.nonce ? { nonce: input.nonce } : {}) })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid, typ: "JWT" })
    .setIssuer(baseUrl())
    .setAudience(input.appId)
    .setSubject(input.recipient)
    .setJti(input.verificationId)
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_TTL_SECONDS)
    .sign(privateKey);
}
