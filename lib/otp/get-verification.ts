import { verificationView, type VerificationView } from "@/lib/events/verification-view";
import type { ApiKeyPrincipal } from "@/lib/keys/authenticate-api-key";
import { findVerification } from "./find-verification";

/**
 * A read: it writes nothing. A pending verification past its expiry reads as `expired`
 * (verificationView); the state is written by the next call that needs it (verify, resend, cancel).
 */
export async function getVerification(principal: ApiKeyPrincipal, id: string): Promise<VerificationView> {
  return verificationView(await findVerification(principal, id));
}
