// Email and password sign-in. The answer never says which of the two was wrong; the audit trail
// does (every refused or throttled attempt is an event, with the email tried and the address).
import { db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ZSignInInput } from "@/lib/auth/sign-in-schema";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { beginAttempt, refundAttempt, settleSuccess, throttleKeys } from "@/lib/auth/login-throttle";
import { checkSecondFactor, hasSecondFactor } from "@/lib/auth/second-factor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { isPasswordSignInOff } from "@/lib/auth/password-sign-in-setting";
import { NO_PASSWORD } from "@/lib/auth/sso-sign-in";

export const INVALID_CREDENTIALS = "Invalid email or password.";
/** The answer to a right password of a user with a second factor, sent without a code: the form
 *  (components/login-form.tsx) then asks for one. */
export const SECOND_FACTOR_REQUIRED = "Enter the code from your authenticator app, or a recovery code.";
export const INVALID_SECOND_FACTOR = "Invalid code.";
export const PASSWORD_SIGN_IN_OFF = "Password sign-in is turned off. Sign in with single sign-on.";

export type SignInResult = { sessionId: string; userId: string; email: string; name: string };

export async function signInWithPassword(
  input: unknown,
  client: { ip: string | null; userAgent: string | null },
): Promise<SignInResult> {
  const { email, password, code } = parseInput(ZSignInInput, input);
  // Turned off by an admin (decision 0029): refused here, not only hidden on the login page.
  if (await isPasswordSignInOff()) {
    await recordRefusedSignIn(email, client, "password sign-in off", null, null);
    throw new AppError("FORBIDDEN", PASSWORD_SIGN_IN_OFF);
  }
  const keys = throttleKeys(email, client.ip);
  try {
    await beginAttempt(keys);
  } catch (e) {
    if (isAppError(e) && e.code === "RATE_LIMITED") {
      const retryAfterSeconds = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? null;
      await recordRefusedSignIn(email, client, "throttled", null, retryAfterSeconds);
    }
    throw e;
  }
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  // A user created by single sign-on has no password (NO_PASSWORD): checked against the dummy hash,
  // so the answer takes as long as for a wrong password.
  const hasPassword = user !== null && user.passwordHash !== NO_PASSWORD;
  const ok = (await verifyPassword(hasPassword ? user.passwordHash : await dummyPasswordHash(), password)) && hasPassword;
  if (!user || !ok || user.disabledAt) {
    const reason = !user ? "unknown email" : !ok ? "wrong password" : "account disabled";
    await recordRefusedSignIn(email, client, reason, user?.id ?? null, null);
    throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
  }
  // The second factor, before any session exists. A wrong code stays counted like a wrong password.
  if (await hasSecondFactor(user.id)) {
    if (!code) {
      await refundAttempt(keys);
      throw new AppError("UNAUTHENTICATED", SECOND_FACTOR_REQUIRED);
    }
    if (!(await checkSecondFactor(user.id, code, new Date(), client.ip))) {
      await recordRefusedSignIn(email, client, "wrong second factor", user.id, null);
      throw new AppError("UNAUTHENTICATED", INVALID_SECOND_FACTOR);
    }
  }
  await settleSuccess(keys);
  const sessionId = await db().$transaction(async (tx) => {
    const session = await tx.session.create({
      data: { userId: user.id, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null },
      select: { id: true },
    });
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await appendAuditEvent(
      tx,
      { actorId: user.id, actorEmail: user.email, requestId: null, ip: client.ip },
      { action: "auth.sign-in", entityType: "Session", entityId: session.id },
    );
    return session.id;
  });
  return { sessionId, userId: user.id, email: user.email, name: user.name };
}

type RefusalReason = "unknown email" | "wrong password" | "account disabled" | "wrong second factor" | "throttled" | "password sign-in off";

/** One audit event per refused attempt. No actor (nobody is signed in); never the password. */
async function recordRefusedSignIn(
  email: string,
  client: { ip: string | null },
  reason: RefusalReason,
  userId: string | null,
  retryAfterSeconds: number | null,
): Promise<void> {
  await db().$transaction((tx) =>
    appendAuditEvent(tx, { actorId: null, actorEmail: null, requestId: null, ip: client.ip }, {
      action: reason === "throttled" ? "auth.sign-in-throttled" : "auth.sign-in-failed",
      entityType: "User",
      entityId: userId,
      changes: { email, reason, ...(retryAfterSeconds !== null ? { retryAfterSeconds } : {}) },
    }),
  );
}
