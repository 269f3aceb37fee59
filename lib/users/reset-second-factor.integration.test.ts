// An admin's reset of another user's second factor (issue 15; decision 0027): only ADMINs, never
// their own, 404 for an unknown user; the secret and recovery codes cleared, the user's sessions
// ended and one audit event, in the same transaction; then the password alone signs in and the
// enrolment gate applies again where a second factor is required.
import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { auditContextOf } from "@/lib/audit/audit-context";
import { actorForToken, createApiToken } from "@/lib/auth/api-tokens";
import { mustEnrolSecondFactor } from "@/lib/auth/second-factor-gate";
import { confirmSecondFactorEnrolment, readSecondFactorStatus, startSecondFactorEnrolment } from "@/lib/auth/second-factor";
import { actorForSession } from "@/lib/auth/sessions";
import { SECOND_FACTOR_REQUIRED, signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { resetSecondFactor, RESET_OWN_SECOND_FACTOR, unsafeResetSecondFactor } from "@/lib/users/reset-second-factor";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createUser, ctxFor, TEST_PASSWORD } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

const client = () => ({ ip: `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });

/** A user with an enrolled second factor, signed in twice (two live sessions: a code, a recovery code), and an API token. */
async function enrolledAndSignedIn(role: Actor["role"] = "INVESTIGATOR") {
  const user = await createUser({ role, email: `reset-${randomUUID()}@example.test` });
  const ctx = ctxFor(user);
  const { secret } = await startSecondFactorEnrolment(ctx);
  const now = new Date();
  const { recoveryCodes } = await confirmSecondFactorEnrolment(ctx, { code: await generate({ secret, epoch: Math.floor(now.getTime() / 1000) }) }, now);
  const sessions: string[] = [];
  // The enrolment spent this step's code: the next step's (accepted, +1), then a recovery code.
  for (const code of [await generate({ secret, epoch: Math.floor(now.getTime() / 1000) + 30 }), recoveryCodes[0]!]) {
    sessions.push((await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code }, client())).sessionId);
  }
  const { token } = await createApiToken(user.id, auditContextOf(ctx), { name: "pipeline" });
  return { user, sessions, token };
}

const resetEvents = (userId: string) => db().auditEvent.findMany({ where: { entityId: userId, action: "auth.second-factor-reset" }, orderBy: { seq: "asc" } });

describe("resetSecondFactor", () => {
  it("clears the secret and recovery codes, ends the user's sessions and records one audit event; the password alone then signs in", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const { user, sessions, token } = await enrolledAndSignedIn();
    for (const sid of sessions) expect(await actorForSession(sid)).not.toBeNull();
    const otherUser = await enrolledAndSignedIn();

    const reset = await resetSecondFactor(admin, auditContextOf(ctxFor(admin)), user.id);
    expect(reset).toEqual({ userId: user.id, email: user.email, sessionsEnded: 2, recoveryCodesRemoved: 10 });

    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
    expect(row).toEqual({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await readSecondFactorStatus(user.id)).toMatchObject({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    for (const sid of sessions) expect(await actorForSession(sid)).toBeNull();
    // Another user's factor and sessions are untouched; the user's API token still works (decision 0027, point 7).
    expect((await readSecondFactorStatus(otherUser.user.id)).enabled).toBe(true);
    for (const sid of otherUser.sessions) expect(await actorForSession(sid)).not.toBeNull();
    expect((await actorForToken(token))?.id).toBe(user.id);

    const [event, ...more] = await resetEvents(user.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actorId: admin.id, actorEmail: admin.email, entityType: "User" });
    expect(JSON.parse(event!.changes)).toEqual({ email: user.email, wasEnabled: true, recoveryCodesRemoved: 10, sessionsEnded: 2, via: "admin page" });
    expect((await verifyAuditChain(db())).ok).toBe(true);

    // The password alone signs in now (no code asked), and the user enrols again where it is required.
    const signedIn = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client());
    expect(await actorForSession(signedIn.sessionId)).not.toBeNull();
    expect(await mustEnrolSecondFactor(user, false)).toBe(false);
    const adminTarget = await enrolledAndSignedIn("ADMIN");
    expect(await mustEnrolSecondFactor(adminTarget.user, true)).toBe(false);
    await resetSecondFactor(admin, auditContextOf(ctxFor(admin)), adminTarget.user.id);
    expect(await mustEnrolSecondFactor(adminTarget.user, true)).toBe(true);
  });

  it("refuses non-admins (403), an unknown user (404), one's own factor and a user without one (409), changing nothing", async () => {
    const { user, sessions } = await enrolledAndSignedIn();
    for (const role of ["MANAGER", "INVESTIGATOR", "AUDITOR"] as const) {
      const actor = await createUser({ role });
      expect((await expectAppError(resetSecondFactor(actor, auditContextOf(ctxFor(actor)), user.id))).code).toBe("FORBIDDEN");
    }
    const admin = await createUser({ role: "ADMIN" });
    expect((await expectAppError(resetSecondFactor(admin, auditContextOf(ctxFor(admin)), "no-such-user"))).code).toBe("NOT_FOUND");

    const self = await enrolledAndSignedIn("ADMIN");
    const own = await expectAppError(resetSecondFactor(self.user, auditContextOf(ctxFor(self.user)), self.user.id));
    expect(own.code).toBe("CONFLICT");
    expect(own.message).toBe(RESET_OWN_SECOND_FACTOR);
    expect((await readSecondFactorStatus(self.user.id)).enabled).toBe(true);
    expect(await actorForSession(self.sessions[0]!)).not.toBeNull();

    const plain = await createUser();
    expect((await expectAppError(resetSecondFactor(admin, auditContextOf(ctxFor(admin)), plain.id))).code).toBe("CONFLICT");

    expect((await readSecondFactorStatus(user.id)).enabled).toBe(true);
    for (const sid of sessions) expect(await actorForSession(sid)).not.toBeNull();
    const asked = await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client()));
    expect(asked.message).toBe(SECOND_FACTOR_REQUIRED);
    for (const id of [user.id, self.user.id, plain.id]) expect(await resetEvents(id)).toEqual([]);
  });

  it("break-glass (the CLI's path): resets an admin's own factor by email, audited as the system", async () => {
    const { user, sessions } = await enrolledAndSignedIn("ADMIN");
    const reset = await unsafeResetSecondFactor({ ...SYSTEM_CONTEXT, actorEmail: "cli:npm run admin" }, { email: user.email }, "npm run admin");
    expect(reset.sessionsEnded).toBe(2);
    expect(await actorForSession(sessions[0]!)).toBeNull();
    const [event] = await resetEvents(user.id);
    expect(event).toMatchObject({ actorId: null, actorEmail: "cli:npm run admin" });
    expect(JSON.parse(event!.changes)).toMatchObject({ via: "npm run admin", wasEnabled: true });
    expect((await expectAppError(unsafeResetSecondFactor(SYSTEM_CONTEXT, { email: "ghost@example.test" }, "npm run admin"))).code).toBe("NOT_FOUND");
  });
});
