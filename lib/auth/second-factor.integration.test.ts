// The TOTP second factor against the real database: enrolment (the secret sealed at rest, confirmed
// only with a current code), codes of the current step ±1 accepted once each, recovery codes spent
// once, sign-in asking for the code before any session exists, wrong codes throttled like wrong
// passwords, disabling, and who must enrol (ADMINs, or everyone by the admin setting).
import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { actorOfSession, authOptions, enrollingActorOfSession } from "@/lib/auth/auth-options";
import { mustEnrolSecondFactor, setRequireSecondFactorForEveryone } from "@/lib/auth/second-factor-gate";
import { checkSecondFactor, confirmSecondFactorEnrolment, disableSecondFactor, readPendingEnrolment, readSecondFactorStatus, startSecondFactorEnrolment } from "@/lib/auth/second-factor";
import { INVALID_SECOND_FACTOR, SECOND_FACTOR_REQUIRED, signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { createUser, ctxFor, TEST_PASSWORD } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

const codeAt = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });
const later = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
/** Somewhere in the middle of a 30-second step, so ±1 step is exactly ±30 s away. */
const midStep = () => new Date(Math.floor(Date.now() / 30_000) * 30_000 + 15_000);
const client = () => ({ ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });

async function enrolled(role: "ADMIN" | "INVESTIGATOR" = "INVESTIGATOR") {
  const user = await createUser({ role, email: `tf-${randomUUID()}@example.test` });
  const ctx = ctxFor(user);
  const { secret } = await startSecondFactorEnrolment(ctx);
  const now = midStep();
  const { recoveryCodes } = await confirmSecondFactorEnrolment(ctx, { code: await codeAt(secret, now) }, now);
  return { user, ctx, secret, recoveryCodes, now };
}

describe("enrolment", () => {
  it("shows a secret with a QR code, keeps it sealed at rest, and enables it only with a current code", async () => {
    const user = await createUser({ email: `tf-${randomUUID()}@example.test` });
    const ctx = ctxFor(user);
    const pending = await startSecondFactorEnrolment(ctx);
    expect(pending.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(pending.uri).toContain(`secret=${pending.secret}`);
    expect(pending.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
    expect(row.totpSecret).not.toContain(pending.secret);
    expect(row.totpEnabledAt).toBeNull();
    expect((await readPendingEnrolment(ctx))?.secret).toBe(pending.secret);

    const now = midStep();
    const wrong = await expectAppError(confirmSecondFactorEnrolment(ctx, { code: await codeAt(pending.secret, later(now, -120)) }, now));
    expect(wrong.code).toBe("INVALID_INPUT");
    expect((await readSecondFactorStatus(user.id)).enabled).toBe(false);

    const { recoveryCodes } = await confirmSecondFactorEnrolment(ctx, { code: await codeAt(pending.secret, now) }, now);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await db().recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(stored.map((s) => s.codeHash)).not.toContain(recoveryCodes[0]);
    expect(await readSecondFactorStatus(user.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10, pending: false });
    expect(await readPendingEnrolment(ctx)).toBeNull();
    const events = await db().auditEvent.findMany({ where: { entityId: user.id, action: { startsWith: "auth.second-factor" } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["auth.second-factor-enrolment-started", "auth.second-factor-enabled"]);
    expect((await expectAppError(startSecondFactorEnrolment(ctx))).code).toBe("CONFLICT");
  });
});

describe("checkSecondFactor", () => {
  it("accepts the current step ±1, refuses two steps off, and refuses a code already used (or an older one)", async () => {
    const { user, secret, now } = await enrolled();
    // The enrolment used the code of `now`: it and the one before it are spent.
    expect(await checkSecondFactor(user.id, await codeAt(secret, now), now)).toBeNull();
    expect(await checkSecondFactor(user.id, await codeAt(secret, later(now, -30)), now)).toBeNull();
    const t = later(now, 60);
    expect(await checkSecondFactor(user.id, await codeAt(secret, later(t, 60)), t)).toBeNull();
    expect(await checkSecondFactor(user.id, await codeAt(secret, later(t, 30)), t)).toBe("totp");
    expect(await checkSecondFactor(user.id, await codeAt(secret, later(t, 30)), t)).toBeNull();
    const t2 = later(t, 90);
    expect(await checkSecondFactor(user.id, await codeAt(secret, later(t2, -30)), t2)).toBe("totp");
    expect(await checkSecondFactor(user.id, "12345", t2)).toBeNull();
  });

  it("spends a recovery code once (any case, with or without its hyphen), with an audit event", async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first, second] = recoveryCodes as [string, string];
    expect(await checkSecondFactor(user.id, first.toUpperCase())).toBe("recovery");
    expect(await checkSecondFactor(user.id, first)).toBeNull();
    expect(await checkSecondFactor(user.id, second.replace("-", ""))).toBe("recovery");
    expect((await readSecondFactorStatus(user.id)).recoveryCodesLeft).toBe(8);
    const used = await db().auditEvent.findMany({ where: { entityId: user.id, action: "auth.recovery-code-used" } });
    expect(used.map((e) => JSON.parse(e.changes))).toEqual([{ recoveryCodesLeft: 9 }, { recoveryCodesLeft: 8 }]);
  });

  it("lets only one of two simultaneous uses of the same recovery code through", async () => {
    const { user, recoveryCodes } = await enrolled();
    const results = await Promise.all([checkSecondFactor(user.id, recoveryCodes[3]!), checkSecondFactor(user.id, recoveryCodes[3]!)]);
    expect(results.filter((r) => r === "recovery")).toHaveLength(1);
  });
});

describe("sign-in with a second factor", () => {
  it("asks for the code after a right password, creates no session without it, and signs in with it", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const c = client();
    const sessionsBefore = await db().session.count({ where: { userId: user.id } });
    const asked = await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, c));
    expect(asked.message).toBe(SECOND_FACTOR_REQUIRED);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    const wrong = await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: "000000" }, c));
    expect(wrong.message).toBe(INVALID_SECOND_FACTOR);
    // A wrong password with a right code is still a wrong password.
    const pair = await expectAppError(signInWithPassword({ email: user.email, password: "not the password", code: recoveryCodes[0] }, c));
    expect(pair.message).toBe("Invalid email or password.");
    expect(await checkSecondFactor(user.id, recoveryCodes[0]!)).toBe("recovery"); // not spent by that attempt

    // The enrolment spent this step's code: the next step's (accepted, +1) is the one not yet used.
    const code = await codeAt(secret, later(new Date(), 30));
    const ok = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code }, c);
    expect(ok.userId).toBe(user.id);
    // The same code a second time, in its window: refused.
    const replay = await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD, code }, c));
    expect(replay.message).toBe(INVALID_SECOND_FACTOR);
    const viaRecovery = await signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: recoveryCodes[5] }, c);
    expect(viaRecovery.userId).toBe(user.id);
    const again = await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: recoveryCodes[5] }, c));
    expect(again.message).toBe(INVALID_SECOND_FACTOR);
    const refused = await db().auditEvent.findMany({ where: { entityId: user.id, action: "auth.sign-in-failed" } });
    expect(refused.map((e) => JSON.parse(e.changes).reason)).toEqual(expect.arrayContaining(["wrong second factor", "wrong password"]));
  });

  it("counts wrong codes in the password throttle: after the free attempts the account must wait, right code or not", async () => {
    const { user, secret } = await enrolled();
    // Asking for the code (right password, no code) costs nothing, however often.
    for (let i = 0; i < 8; i++) {
      expect((await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client()))).message).toBe(SECOND_FACTOR_REQUIRED);
    }
    for (let i = 0; i < 5; i++) {
      expect((await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: "000000" }, client()))).message).toBe(INVALID_SECOND_FACTOR);
    }
    const limited = await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD, code: await codeAt(secret, new Date()) }, client()));
    expect(limited.code).toBe("RATE_LIMITED");
    expect(await db().loginThrottle.findUnique({ where: { key: `email:${user.email}` } })).toMatchObject({ failures: 5 });
  });
});

describe("disableSecondFactor", () => {
  it("needs a current code or the password, then removes the secret and the recovery codes (audited)", async () => {
    const { user, ctx, secret } = await enrolled();
    expect((await expectAppError(disableSecondFactor(ctx, { password: "wrong password!" }))).code).toBe("INVALID_INPUT");
    expect((await expectAppError(disableSecondFactor(ctx, { code: "000000" }))).code).toBe("INVALID_INPUT");
    expect((await expectAppError(disableSecondFactor(ctx, {}))).code).toBe("INVALID_INPUT");
    expect((await readSecondFactorStatus(user.id)).enabled).toBe(true);
    await disableSecondFactor(ctx, { code: await codeAt(secret, later(midStep(), 300)) }, later(midStep(), 300));
    expect(await readSecondFactorStatus(user.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0, pending: false });
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityId: user.id, action: "auth.second-factor-disabled" } });
    expect(JSON.parse(event.changes)).toEqual({ proof: "totp" });
    // Signing in needs the password only again.
    expect((await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client())).userId).toBe(user.id);

    const other = await enrolled();
    await disableSecondFactor(other.ctx, { password: TEST_PASSWORD });
    expect((await readSecondFactorStatus(other.user.id)).enabled).toBe(false);
  });
});

describe("mustEnrolSecondFactor", () => {
  it("holds ADMINs without a second factor (unless turned off), others only once the admin setting asks it of everyone", async () => {
    const admin = await createUser({ role: "ADMIN", email: `tf-${randomUUID()}@example.test` });
    const investigator = await createUser({ role: "INVESTIGATOR", email: `tf-${randomUUID()}@example.test` });
    expect(await mustEnrolSecondFactor(admin, true)).toBe(true);
    expect(await mustEnrolSecondFactor(admin, false)).toBe(false);
    expect(await mustEnrolSecondFactor(investigator, true)).toBe(false);
    const enrolledAdmin = await enrolled("ADMIN");
    expect(await mustEnrolSecondFactor(enrolledAdmin.user, true)).toBe(false);

    expect((await expectAppError(setRequireSecondFactorForEveryone(ctxFor(investigator), true))).code).toBe("FORBIDDEN");
    await setRequireSecondFactorForEveryone(ctxFor(admin), true);
    expect(await mustEnrolSecondFactor(investigator, true)).toBe(true);
    expect(await mustEnrolSecondFactor(admin, false)).toBe(true);
    expect(await mustEnrolSecondFactor(enrolledAdmin.user, true)).toBe(false);
    await setRequireSecondFactorForEveryone(ctxFor(admin), false);
    expect(await mustEnrolSecondFactor(investigator, true)).toBe(false);
  });
});

describe("the session of a user who must enrol", () => {
  it("gives pages, actions and the API no actor (only the enrolment page's) until a second factor is enrolled", async () => {
    const admin = await createUser({ role: "ADMIN", email: `tf-${randomUUID()}@example.test` });
    const user = await createUser({ role: "INVESTIGATOR", email: `tf-${randomUUID()}@example.test` });
    const { sessionId } = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client());
    const callback = authOptions().callbacks!.session!;
    const read = async () => {
      const session: Session = { user: { name: "x", email: user.email }, expires: new Date(Date.now() + 3_600_000).toISOString() };
      return callback({ session, token: { sid: sessionId } as JWT } as Parameters<typeof callback>[0]);
    };
    expect(actorOfSession(await read())?.id).toBe(user.id);

    await setRequireSecondFactorForEveryone(ctxFor(admin), true);
    const held = await read();
    expect(actorOfSession(held)).toBeNull();
    expect(enrollingActorOfSession(held)?.id).toBe(user.id);

    const { secret } = await startSecondFactorEnrolment(ctxFor(user));
    await confirmSecondFactorEnrolment(ctxFor(user), { code: await codeAt(secret, new Date()) });
    const free = await read();
    expect(actorOfSession(free)?.id).toBe(user.id);
    expect(enrollingActorOfSession(free)).toBeNull();
    await setRequireSecondFactorForEveryone(ctxFor(admin), false);
  });
});
