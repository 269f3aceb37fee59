// An admin's reset of another user's second factor, for a user who lost both the device and the
// recovery codes (decision 0027, "Reset by an admin"). It clears the TOTP secret (also one still
// awaiting its first code) and every recovery code, and ends the user's sessions, with one audit
// event in the same transaction. The user then signs in with the password alone and enrols again;
// where a second factor is required of them, the enrolment gate holds them until they have.
// API tokens keep working: they never passed through the second factor (decision 0027, point 7).
// An admin's own factor is not reset here: the profile page turns it off with a code, a recovery
// code or the password; an admin with none of those asks another admin, or runs the CLI.
import type { Actor } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { AuditContext } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";

export type SecondFactorReset = { userId: string; email: string; sessionsEnded: number; recoveryCodesRemoved: number };

export const RESET_OWN_SECOND_FACTOR =
  "Your own second factor is not reset here: turn it off on your profile page with a code, a recovery code or your password (or ask another admin).";

/** ADMINs only (403 to anyone else), never their own (409); 404 for an unknown user. */
export async function resetSecondFactor(actor: Actor, ctx: AuditContext, userId: string): Promise<SecondFactorReset> {
  assertCan(actor, "users:manage", "Only admins can reset a second factor");
  if (userId === actor.id) throw new AppError("CONFLICT", RESET_OWN_SECOND_FACTOR);
  return unsafeResetSecondFactor(ctx, { id: userId }, "admin page");
}

/**
 * The reset without the permission check: `npm run admin -- reset-second-factor` (break-glass, for
 * the one admin who lost their device) and resetSecondFactor. 409 when there is nothing to reset.
 */
export async function unsafeResetSecondFactor(ctx: AuditContext, user: { id: string } | { email: string }, via: string): Promise<SecondFactorReset> {
  return db().$transaction(async (tx) => {
    const found = await tx.user.findUnique({ where: user, select: { id: true, email: true, totpSecret: true, totpEnabledAt: true } });
    if (!found) throw notFound("User not found");
    if (!found.totpEnabledAt && !found.totpSecret) throw new AppError("CONFLICT", `${found.email} has no second factor to reset`);
    await tx.user.update({ where: { id: found.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    const { count: recoveryCodesRemoved } = await tx.recoveryCode.deleteMany({ where: { userId: found.id } });
    const { count: sessionsEnded } = await tx.session.updateMany({ where: { userId: found.id, endedAt: null }, data: { endedAt: new Date() } });
    await appendAuditEvent(tx, ctx, {
      action: "auth.second-factor-reset",
      entityType: "User",
      entityId: found.id,
      changes: { email: found.email, wasEnabled: found.totpEnabledAt !== null, recoveryCodesRemoved, sessionsEnded, via },
    });
    return { userId: found.id, email: found.email, sessionsEnded, recoveryCodesRemoved };
  });
}
