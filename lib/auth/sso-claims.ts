// What Lantern reads from an OpenID Connect ID token (decision 0029): sub, email, email_verified
// and, when configured, the role claim. Pure: the checks a sign-in makes before touching the database.
import { z } from "zod";
import { ROLES, type Role } from "@/lib/access/actor";
import type { SsoConfig } from "@/lib/auth/sso-config";

/** Why a single sign-on was refused: the key names the message the login page shows
 *  (ssoRefusalMessage) and goes, with the reason, into the audit trail. */
export const SSO_REFUSALS = {
  "no-email": "The identity provider did not send a usable email address for this account.",
  "unverified-email": "Your identity provider has not verified this account's email address, so Lantern cannot match it to a user.",
  domain: "This email domain is not allowed to sign in to Lantern.",
  disabled: "This Lantern account is disabled. Ask an admin.",
  audience: "The identity provider's token was issued for another application (wrong audience), so it was refused.",
  state: "This sign-in link was already used or has expired (state check failed). Start again.",
  failed: "Single sign-on failed: the identity provider's answer could not be verified. Try again.",
  "password-off": "Password sign-in is turned off. Sign in with single sign-on.",
} as const;

export type SsoRefusalKey = keyof typeof SSO_REFUSALS;

export class SsoRefusal extends Error {
  constructor(readonly key: SsoRefusalKey, readonly detail: string | null = null) {
    super(SSO_REFUSALS[key]);
  }
}

export function ssoRefusalMessage(key: string | undefined | null): string | null {
  return key && key in SSO_REFUSALS ? SSO_REFUSALS[key as SsoRefusalKey] : null;
}

export type SsoIdentity = { sub: string; email: string; name: string; role: Role | null };

/** The role the role claim maps to (the highest of several: ADMIN, MANAGER, INVESTIGATOR, AUDITOR),
 *  or null when no claim is configured, the claim is absent, or none of its values is mapped. */
export function roleFromClaims(claims: Record<string, unknown>, config: Pick<SsoConfig, "roleClaim" | "roleMap">): Role | null {
  if (!config.roleClaim) return null;
  const raw = claims[config.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string");
  const mapped = new Set(values.map((v) => config.roleMap[v]).filter(Boolean));
  return ROLES.find((r) => mapped.has(r)) ?? null;
}

/** The identity an ID token vouches for, or SsoRefusal: no email, an email the provider has not
 *  verified (email_verified must be the boolean true), or one outside the allowed domains. */
export function identityFromClaims(claims: Record<string, unknown>, config: SsoConfig): SsoIdentity {
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!sub || !z.email().safeParse(email).success) throw new SsoRefusal("no-email", email || null);
  if (claims.email_verified !== true) throw new SsoRefusal("unverified-email", email);
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (config.allowedDomains.length > 0 && !config.allowedDomains.includes(domain)) throw new SsoRefusal("domain", email);
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : email.split("@")[0];
  return { sub, email, name, role: roleFromClaims(claims, config) };
}
