// Single sign-on after the provider's answer has been verified (next-auth checks state, PKCE,
// nonce, issuer, audience and signature): match the user by verified email or create them, keep
// disabled users out, then start a session, or ask for the second factor first when the user has
// one (the same rule as a password sign-in; decision 0029). Every refusal is an audit event.
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { identityFromClaims, SsoRefusal, type SsoRefusalKey } from "@/lib/auth/sso-claims";
import type { SsoConfig } from "@/lib/auth/sso-config";

/** Stored as the password hash of a user created by single sign-on: no password matches it. */
export const NO_PASSWORD = "!sso-only";

export type SignInClient = { ip: string | null; userAgent: string | null };

export type SsoSignInResult =
  | { kind: "session"; sessionId: string; userId: string; email: string; name: string }
  | { kind: "second-factor"; userId: string; email: string };

export async function signInWithSso(claims: Record<string, unknown>, client: SignInClient, config: SsoConfig): Promise<SsoSignInResult> {
  let identity;
  try {
    identity = identityFromClaims(claims, config);
  } catch (e) {
    if (e instanceof SsoRefusal) await recordRefusedSsoSignIn(e.key, { email: e.detail, userId: null, client });
    throw e;
  }
  const outcome = await db().$transaction(async (tx) => {
    const actor = { actorId: null, actorEmail: null, requestId: null, ip: client.ip };
    let user = await tx.user.findUnique({ where: { email: identity.email }, select: USER_SELECT });
    if (user?.disabledAt) return { kind: "disabled", userId: user.id } as const;
    if (!user) {
      user = await tx.user.create({
        data: { email: identity.email, name: identity.name, role: identity.role ?? config.defaultRole, passwordHash: NO_PASSWORD },
        select: USER_SELECT,
      });
      await appendAuditEvent(tx, { ...actor, actorId: user.id, actorEmail: user.email }, {
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        changes: { email: { after: user.email }, role: { after: user.role }, via: { after: "single sign-on" }, subject: { after: identity.sub } },
      });
    } else if (identity.role && identity.role !== user.role) {
      // The provider is the source of roles once a role claim is configured and maps to one.
      await tx.user.update({ where: { id: user.id }, data: { role: identity.role } });
      await appendAuditEvent(tx, { ...actor, actorId: user.id, actorEmail: user.email }, {
        action: "user.update",
        entityType: "User",
        entityId: user.id,
        changes: { role: { before: user.role, after: identity.role }, via: { after: "single sign-on" } },
      });
      user = { ...user, role: identity.role };
    }
    if (user.totpEnabledAt) return { kind: "second-factor", userId: user.id, email: user.email } as const;
    const sessionId = await startSession(tx, user, client, "sso");
    return { kind: "session", sessionId, userId: user.id, email: user.email, name: user.name } as const;
  });
  if (outcome.kind === "disabled") {
    await recordRefusedSsoSignIn("disabled", { email: identity.email, userId: outcome.userId, client });
    throw new SsoRefusal("disabled", identity.email);
  }
  return outcome;
}

const USER_SELECT = { id: true, email: true, name: true, role: true, disabledAt: true, totpEnabledAt: true } as const;

/** A new server-side session with its sign-in audit event (method: password or sso). */
export async function startSession(
  tx: Tx,
  user: { id: string; email: string },
  client: SignInClient,
  method: "password" | "sso",
): Promise<string> {
  const session = await tx.session.create({
    data: { userId: user.id, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null },
    select: { id: true },
  });
  await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await appendAuditEvent(tx, { actorId: user.id, actorEmail: user.email, requestId: null, ip: client.ip }, {
    action: "auth.sign-in",
    entityType: "Session",
    entityId: session.id,
    changes: { method },
  });
  return session.id;
}

/** One audit event per refused single sign-on, like a refused password (auth.sign-in-failed). */
export async function recordRefusedSsoSignIn(
  key: SsoRefusalKey,
  about: { email: string | null; userId: string | null; client: { ip: string | null }; detail?: string | null },
): Promise<void> {
  await db().$transaction((tx) =>
    appendAuditEvent(tx, { actorId: null, actorEmail: null, requestId: null, ip: about.client.ip }, {
      action: "auth.sign-in-failed",
      entityType: "User",
      entityId: about.userId,
      changes: {
        method: "sso",
        reason: key,
        ...(about.email ? { email: about.email } : {}),
        ...(about.detail ? { detail: about.detail.slice(0, 300) } : {}),
      },
    }),
  );
}
