/** The widget verification token (CONTRACT §8): an ES256 JWT the tenant's server redeems once. */
export const TOKEN_ALGORITHM = "ES256";
/** `exp` is at most this long after `iat`. */
export const TOKEN_TTL_SECONDS = 300;

export type WidgetTokenClaims = {
  iss: string;
  /** the app id */
  aud: string;
  /** the recipient, E.164 */
  sub: string;
  /** the verification id */
  jti: string;
  iat: number;
  exp: number;
  /** the origin of the page that embedded the widget */
  origin: string;
  /** what the page passed as `nonce`, when it passed one */
  nonce?: string;
  mode: "live" | "test";
};
