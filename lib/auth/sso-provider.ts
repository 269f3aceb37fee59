// The next-auth provider for single sign-on: OpenID Connect discovery, the authorization code flow
// with PKCE, state and nonce (each kept in a short-lived encrypted cookie and checked at the
// callback), and the ID token validated by openid-client (signature, issuer, audience, expiry,
// nonce). The claims it returns are read by lib/auth/sso-sign-in.ts.
import type { OAuthConfig } from "next-auth/providers/oauth";
import { SSO_PROVIDER_ID, type SsoConfig } from "@/lib/auth/sso-config";

type IdTokenClaims = Record<string, unknown> & { sub: string };

export function ssoProvider(config: SsoConfig): OAuthConfig<IdTokenClaims> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile(claims) {
      return { id: claims.sub, email: typeof claims.email === "string" ? claims.email : null, name: typeof claims.name === "string" ? claims.name : null };
    },
  };
}
