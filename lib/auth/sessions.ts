// Server-side sessions. The signed cookie only names a session; whether it is still good is decided
// here on every request: ended, idle too long, too old, or its user disabled means signed out.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

const TOUCH_EVERY_MS = 60_000;

export async function startSession(userId: string, ip: string | null, userAgent: string | null): Promise<string> {
  const session = await db().session.create({
    data: { userId, ip, userAgent: userAgent?.slice(0, 300) ?? null },
    select: { id: true },
  });
  return session.id;
}

export async function endSession(sessionId: string): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } });
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
  if (idleMs > idleMin * 60_000 || ageMs > maxHours * 3_600_000) {
    await endSession(sessionId);
    return null;
  }
  if (idleMs > TOUCH_EVERY_MS) {
    await db().session.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  const { disabledAt: _d, ...actor } = s.user;
  return actor;
}
