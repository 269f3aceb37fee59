// Server-side sessions. The signed cookie only names a session; whether it is still good is decided
// here on every request: ended, idle too long, too old, or its user disabled means signed out.
import type { Actor } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** lastSeenAt is written at most this often, so the last request may be up to this much later than
 *  it says: a session ends only once it has been idle for the limit *plus* this, never before the limit. */
export const TOUCH_EVERY_MS = 60_000;

export async function endSession(sessionId: string): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } });
}

/** Sign-out: ends the session and records it in the audit trail. */
export async function signOutSession(sessionId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const s = await tx.session.findUnique({ where: { id: sessionId }, select: { endedAt: true, ip: true, user: { select: { id: true, email: true } } } });
    if (!s || s.endedAt) return;
    await tx.session.update({ where: { id: sessionId }, data: { endedAt: new Date() } });
    await appendAuditEvent(tx, { actorId: s.user.id, actorEmail: s.user.email, requestId: null, ip: s.ip }, {
      action: "auth.sign-out",
      entityType: "User",
      entityId: s.user.id,
    });
  });
}

export async function actorForSession(sessionId: string, now = new Date()): Promise<Actor | null> {
  const s = await db().session.findUnique({
    where: { id: sessionId },
    select: {
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
  if (!s || s.endedAt || s.user.disabledAt) return null;
  const { LANTERN_SESSION_IDLE_MINUTES: idleMin, LANTERN_SESSION_MAX_HOURS: maxHours } = env();
  const idleMs = now.getTime() - s.lastSeenAt.getTime();
  const ageMs = now.getTime() - s.createdAt.getTime();
  if (idleMs > idleMin * 60_000 + TOUCH_EVERY_MS || ageMs > maxHours * 3_600_000) {
    await endSession(sessionId);
    return null;
  }
  if (idleMs >= TOUCH_EVERY_MS) {
    await db().session.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  const { disabledAt: _d, ...actor } = s.user;
  return actor;
}
