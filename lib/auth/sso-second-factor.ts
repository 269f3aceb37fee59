// The second factor after single sign-on (decision 0029): a user with one enrolled gets no session
// from the provider's answer alone. The callback leaves a short-lived ticket (an HMAC-signed user id
// and expiry, in an HttpOnly cookie) and the login page asks for the code; the code is then checked,
// throttled and audited exactly like after a right password, and only then does a session start.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { ensureAuthSecret } from "@/lib/auth/auth-secret";
import { beginAttempt, settleSuccess, throttleKeys } from "@/lib/auth/login-throttle";
import { checkSecondFactor } from "@/lib/auth/second-factor";
import { recordRefusedSsoSignIn, startSession, type SignInClient } from "@/lib/auth/sso-sign-in";
import { db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";

export const SSO_TICKET_COOKIE = "lantern.sso-second-factor";
export const SSO_TICKET_TTL_SECONDS = 300;
export const INVALID_SSO_CODE = "Invalid code.";
export const SSO_TICKET_EXPIRED = "Your single sign-on has expired. Sign in again.";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", ensureAuthSecret(), Buffer.alloc(0), "lantern sso second-factor ticket v1", 32));
}

function mac(payload: string): string {
  return createHmac("sha256", key()).update(payload).digest("base64url");
}

/** "<userId>.<expires ms>.<mac>" */
export function sealSsoTicket(userId: string, now = new Date()): string {
  const payload = `${userId}.${now.getTime() + SSO_TICKET_TTL_SECONDS * 1000}`;
  return `${payload}.${mac(payload)}`;
}

/** The user id of a good, unexpired ticket, or null. */
export function openSsoTicket(ticket: string | null | undefined, now = new Date()): string | null {
  const parts = (ticket ?? "").split(".");
  if (parts.length !== 3) return null;
  const [userId, expires, given] = parts;
  const want = Buffer.from(mac(`${userId}.${expires}`));
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  return Number(expires) > now.getTime() ? userId : null;
}

/** The email a ticket is for (to show on the code form), or null when it is no good. */
export async function ssoTicketEmail(ticket: string | null | undefined): Promise<string | null> {
  const userId = openSsoTicket(ticket);
  if (!userId) return null;
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } });
  return user && !user.disabledAt ? user.email : null;
}

/** Checks the code for the ticket's user and starts the session. */
export async function completeSsoSecondFactor(
  ticket: string | null | undefined,
  code: string,
  client: SignInClient,
  now = new Date(),
): Promise<{ sessionId: string; email: string; name: string }> {
  const userId = openSsoTicket(ticket, now);
  const user = userId
    ? await db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, disabledAt: true } })
    : null;
  if (!user) throw new AppError("UNAUTHENTICATED", SSO_TICKET_EXPIRED);
  const keys = throttleKeys(user.email, client.ip);
  try {
    await beginAttempt(keys, now);
  } catch (e) {
    if (isAppError(e) && e.code === "RATE_LIMITED") {
      await recordRefusedSsoSignIn("failed", { email: user.email, userId: user.id, client, detail: "throttled second factor" });
    }
    throw e;
  }
  if (user.disabledAt) {
    await recordRefusedSsoSignIn("disabled", { email: user.email, userId: user.id, client });
    throw new AppError("UNAUTHENTICATED", SSO_TICKET_EXPIRED);
  }
  if (!code.trim() || !(await checkSecondFactor(user.id, code.trim(), now, client.ip))) {
    await recordRefusedSsoSignIn("failed", { email: user.email, userId: user.id, client, detail: "wrong second factor" });
    throw new AppError("UNAUTHENTICATED", INVALID_SSO_CODE);
  }
  await settleSuccess(keys);
  const sessionId = await db().$transaction((tx) => startSession(tx, user, client, "sso"));
  return { sessionId, email: user.email, name: user.name };
}
