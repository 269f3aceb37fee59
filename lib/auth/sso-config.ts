// Single sign-on settings (decision 0029), read once from the environment (lib/env.ts). Everything
// that decides about an SSO sign-in takes an SsoConfig, so tests pass their own.
import type { Role } from "@/lib/access/actor";
import { env } from "@/lib/env";

/** next-auth's id for the provider: the redirect URI to register is /api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = "oidc";

export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string;
  /** The ID token claim whose values map to roles; null: roles are managed in Lantern only. */
  roleClaim: string | null;
  roleMap: Record<string, Role>;
  /** Lower-case email domains allowed; empty: any. */
  allowedDomains: string[];
  defaultRole: Role;
};

/** The configured single sign-on, or null when LANTERN_OIDC_ISSUER is unset. */
export function ssoConfig(): SsoConfig | null {
  const e = env();
  if (!e.LANTERN_OIDC_ISSUER || !e.LANTERN_OIDC_CLIENT_ID || !e.LANTERN_OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.LANTERN_OIDC_ISSUER.replace(/\/+$/, ""),
    clientId: e.LANTERN_OIDC_CLIENT_ID,
    clientSecret: e.LANTERN_OIDC_CLIENT_SECRET,
    name: e.LANTERN_OIDC_NAME,
    scopes: e.LANTERN_OIDC_SCOPES,
    roleClaim: e.LANTERN_OIDC_ROLE_CLAIM ?? null,
    roleMap: e.LANTERN_OIDC_ROLE_MAP,
    allowedDomains: e.LANTERN_OIDC_ALLOWED_DOMAINS,
    defaultRole: e.LANTERN_OIDC_DEFAULT_ROLE,
  };
}
