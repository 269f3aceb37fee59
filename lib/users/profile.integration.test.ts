// The profile page's lib: a user renames themselves and changes their password with the current
// one; both audited; a new password ends the user's other sessions but not this one.
import { describe, expect, it } from "vitest";
import { actorForSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { changePassword, getProfile, updateProfile } from "@/lib/users/profile";
import { createUser, ctxFor, TEST_PASSWORD } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

const client = (ip: string) => ({ ip, userAgent: "vitest" });

describe("profile", () => {
  it("renames the user, audited with before and after; the same name records nothing", async () => {
    const user = await createUser({ name: "Dana Old" });
    await updateProfile(ctxFor(user), { name: "  Dana New " });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Dana New");
    await updateProfile(ctxFor(user), { name: "Dana New" });
    const events = await db().auditEvent.findMany({ where: { entityId: user.id, action: "user.profile" } });
    expect(events).toHaveLength(1);
    expect((await expectAppError(updateProfile(ctxFor(user), { name: " " }))).details).toEqual({ fieldErrors: { name: ["is required"] } });
  });

  it("changes the password only with the current one, ends the other sessions and keeps this one", async () => {
    const user = await createUser();
    const here = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client("10.9.0.1"));
    const elsewhere = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client("10.9.0.2"));
    expect((await getProfile(ctxFor(user), here.sessionId)).otherSessions).toBe(1);
    const next = "a much longer new passphrase";
    const wrong = await expectAppError(changePassword(ctxFor(user), here.sessionId, { currentPassword: "not it at all", newPassword: next, confirmPassword: next }));
    expect(wrong.details).toEqual({ fieldErrors: { currentPassword: ["is not your current password"] } });
    const mismatch = await expectAppError(changePassword(ctxFor(user), here.sessionId, { currentPassword: TEST_PASSWORD, newPassword: next, confirmPassword: "different" }));
    expect(Object.keys((mismatch.details as { fieldErrors: object }).fieldErrors)).toEqual(["confirmPassword"]);
    expect(await actorForSession(elsewhere.sessionId)).not.toBeNull();

    expect(await changePassword(ctxFor(user), here.sessionId, { currentPassword: TEST_PASSWORD, newPassword: next, confirmPassword: next })).toEqual({ endedSessions: 1 });
    expect(await actorForSession(elsewhere.sessionId)).toBeNull();
    expect((await actorForSession(here.sessionId))?.id).toBe(user.id);
    await expect(signInWithPassword({ email: user.email, password: next }, client("10.9.0.3"))).resolves.toBeTruthy();
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.password" } });
    expect(JSON.stringify(event)).not.toContain(next);
  });

  it("counts wrong current passwords with the sign-in throttle: past the free attempts even the right one waits", async () => {
    const user = await createUser();
    const ctx = { ...ctxFor(user), ip: "10.9.0.5" };
    const next = "another long new passphrase";
    for (let i = 0; i < env().LANTERN_LOGIN_FREE_ATTEMPTS; i++) {
      expect((await expectAppError(changePassword(ctx, null, { currentPassword: `guess ${i}`, newPassword: next, confirmPassword: next }))).code).toBe("INVALID_INPUT");
    }
    const limited = await expectAppError(changePassword(ctx, null, { currentPassword: TEST_PASSWORD, newPassword: next, confirmPassword: next }));
    expect(limited.code).toBe("RATE_LIMITED");
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client("10.9.0.4"))).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
