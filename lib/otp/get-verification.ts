import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { findVerification, settleExpiry } from "./find-verification";
import { verificationView, type VerificationView } from "./verification-view";

export async function getVerification(principal: ApiKeyPrincipal, id: string): Promise<VerificationView> {
  return verificationView(await settleExpiry(await findVerification(principal, id)));
}
