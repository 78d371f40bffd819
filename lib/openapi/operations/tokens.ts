import { verifiedTokenObject, verifyTokenSchema } from "@/lib/tokens/schemas";
import type { ApiOperation } from "../registry";

export const tokenOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/tokens/verify",
    operationId: "verifyWidgetToken",
    tag: "Verifications",
    summary: "Redeem a widget verification token",
    description:
      "Checks the token the hosted widget handed your page (ES256, signed by a key of `/.well-known/jwks.json`, " +
      "at most 5 minutes old, for an app of your tenant, in your key's mode, with your nonce) and redeems it: " +
      "each token answers 200 exactly once, also under concurrent calls; a second redemption answers 409 `token_used`. " +
      "A token that is not valid here answers 422 `invalid_token` with a `reason`: malformed, algorithm, signature, " +
      "expired, issuer, app, mode or nonce.",
    body: verifyTokenSchema,
    response: { status: 200, description: "The token was valid and is now redeemed.", schema: verifiedTokenObject },
    errors: ["invalid_token", "token_used"],
  },
];
