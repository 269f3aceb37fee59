// Email and password sign-in. The answer never says which of the two was wrong.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ZSignInInput } from "@/lib/users/user-schemas";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { beginAttempt, settleSuccess, throttleKeys } from "@/lib/auth/login-throttle";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";

export const INVALID_CREDENTIALS = "Invalid email or password.";

export type SignInResult = { sessionId: string; userId: string; email: string; name: string };

export async function signInWithPassword(
  input: unknown,
  client: { ip: string | null; userAgent: string | null },
): Promise<SignInResult> {
  const { email, password } = parseInput(ZSignInInput, input);
  const keys = throttleKeys(email, client.ip);
  await beginAttempt(keys);
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabledAt) throw new AppError("UNAUTHENTICATED", INVALID_CREDENTIALS);
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
