// A user's own profile: their display name, and their password (the current one is needed to set a
// new one). Both audited; a new password ends the user's other sessions (other browsers sign in again).
import { z } from "zod";
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { beginAttempt, settleSuccess, throttleKeys } from "@/lib/auth/login-throttle";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { invalidInput, notFound } from "@/lib/errors";
import { ZPassword } from "@/lib/users/user-schemas";
import { parseInput } from "@/lib/validation";

export const ZUpdateProfileInput = z.object({
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
});

export const ZChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "is required").max(200),
    newPassword: ZPassword,
    confirmPassword: z.string().max(200),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "does not match the new password" });
    if (v.newPassword === v.currentPassword) ctx.addIssue({ code: "custom", path: ["newPassword"], message: "must differ from the current password" });
  });

export type Profile = { id: string; email: string; name: string; role: string; lastLoginAt: Date | null; otherSessions: number };

export async function getProfile(ctx: RequestContext, sessionId: string | null): Promise<Profile> {
  const u = await db().user.findUnique({ where: { id: ctx.actor.id }, select: { id: true, email: true, name: true, role: true, lastLoginAt: true } });
  if (!u) throw notFound("User not found");
  const otherSessions = await db().session.count({ where: { userId: u.id, endedAt: null, ...(sessionId && { id: { not: sessionId } }) } });
  return { ...u, otherSessions };
}

export async function updateProfile(ctx: RequestContext, input: unknown): Promise<{ name: string }> {
  const { name } = parseInput(ZUpdateProfileInput, input);
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: ctx.actor.id }, select: { name: true } });
    if (!before) throw notFound("User not found");
    if (before.name === name) return { name };
    await tx.user.update({ where: { id: ctx.actor.id }, data: { name } });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "user.profile",
      entityType: "User",
      entityId: ctx.actor.id,
      changes: { name: { before: before.name, after: name } },
    });
    return { name };
  });
}

/** Sets a new password after checking the current one; ends every other live session of the user.
 *  Answers how many other sessions were ended. */
export async function changePassword(ctx: RequestContext, currentSessionId: string | null, input: unknown): Promise<{ endedSessions: number }> {
  const data = parseInput(ZChangePasswordInput, input);
  const user = await db().user.findUnique({ where: { id: ctx.actor.id }, select: { email: true, passwordHash: true } });
  if (!user) throw notFound("User not found");
  // The current password is a guess like a sign-in's: counted by the sign-in throttle (the same
  // account and address keys), so a borrowed session cannot try passwords here without limit.
  const keys = throttleKeys(user.email.toLowerCase(), ctx.ip);
  await beginAttempt(keys);
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw invalidInput("Your current password is not correct", { currentPassword: ["is not your current password"] });
  }
  await settleSuccess(keys);
  const passwordHash = await hashPassword(data.newPassword);
  return db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: ctx.actor.id }, data: { passwordHash } });
    const ended = await tx.session.updateMany({
      where: { userId: ctx.actor.id, endedAt: null, ...(currentSessionId && { id: { not: currentSessionId } }) },
      data: { endedAt: new Date() },
    });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "user.password",
      entityType: "User",
      entityId: ctx.actor.id,
      changes: { otherSessionsEnded: { after: ended.count } },
    });
    return { endedSessions: ended.count };
  });
}
