import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/access/actor";
import { actorForToken, createApiToken, hashToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { delaySeconds } from "@/lib/auth/login-throttle";
import { actorForSession, signOutSession } from "@/lib/auth/sessions";
import { INVALID_CREDENTIALS, signInWithPassword } from "@/lib/auth/sign-in";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { updateUser } from "@/lib/users/users";
import { createUser, TEST_PASSWORD } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

let admin: Actor;
beforeAll(async () => {
  admin = await createUser({ role: "ADMIN" });
});

const client = (ip: string) => ({ ip, userAgent: "vitest" });

const signInError = (input: unknown, ip: string) => expectAppError(signInWithPassword(input, client(ip)));

describe("sign-in", () => {
  it("signs in with the right password and starts a live session", async () => {
    const user = await createUser();
    const result = await signInWithPassword({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, client("10.0.0.1"));
    expect(result.userId).toBe(user.id);
    expect(await actorForSession(result.sessionId)).toMatchObject({ id: user.id, role: user.role });
    await signOutSession(result.sessionId);
    expect(await actorForSession(result.sessionId)).toBeNull();
    const events = await db().auditEvent.findMany({ where: { actorId: user.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["auth.sign-in", "auth.sign-out"]);
  });

  it("answers the same for an unknown email and a wrong password", async () => {
    const user = await createUser();
    const wrongPassword = await signInError({ email: user.email, password: "wrong password!!" }, "10.0.0.2");
    const unknown = await signInError({ email: "nobody@example.test", password: TEST_PASSWORD }, "10.0.0.2");
    expect(wrongPassword.message).toBe(INVALID_CREDENTIALS);
    expect(unknown.message).toBe(INVALID_CREDENTIALS);
    expect(wrongPassword.status).toBe(401);
  });

  it("throttles an account after 5 failures with increasing delays, whatever the address", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) {
      expect((await signInError({ email: user.email, password: "bad password " + i }, `10.1.0.${i}`)).status).toBe(401);
    }
    const limited = await signInError({ email: user.email, password: TEST_PASSWORD }, "10.1.1.1");
    expect(limited.status).toBe(429);
    expect(limited.message).toMatch(/Try again in \d+ seconds/);
    expect([4, 5, 6, 7, 10].map((n) => delaySeconds(n, 5))).toEqual([0, 2, 4, 8, 64]);
    expect(delaySeconds(40, 5)).toBe(900);
  });

  it("lets only the free attempts through when 20 guesses arrive at once", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signInError({ email: user.email, password: `guess number ${i}` }, `10.6.0.${i}`)),
    );
    const statuses = results.map((e) => e.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it("throttles an address after 5 failures across accounts", async () => {
    for (let i = 0; i < 5; i++) await signInError({ email: `ghost${i}@example.test`, password: "whatever-password" }, "10.2.0.1");
    const user = await createUser();
    expect((await signInError({ email: user.email, password: TEST_PASSWORD }, "10.2.0.1")).status).toBe(429);
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client("10.2.0.2"))).resolves.toBeTruthy();
  });

  it("refuses a disabled user and ends their live sessions at once", async () => {
    const user = await createUser();
    const { sessionId } = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client("10.3.0.1"));
    const { token } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "pipeline" });
    expect(await actorForToken(token)).not.toBeNull();
    await updateUser(admin, SYSTEM_CONTEXT, user.id, { disabled: true });
    expect(await actorForSession(sessionId)).toBeNull();
    expect(await actorForToken(token)).toBeNull();
    expect((await signInError({ email: user.email, password: TEST_PASSWORD }, "10.3.0.1")).message).toBe(INVALID_CREDENTIALS);
  });

  it("expires sessions after the idle limit and after the absolute limit", async () => {
    const user = await createUser();
    const { sessionId } = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client("10.4.0.1"));
    const now = Date.now();
    // Active every 20 minutes keeps it alive (idle limit 30 min)...
    for (let t = 20; t <= 60; t += 20) expect(await actorForSession(sessionId, new Date(now + t * 60_000))).not.toBeNull();
    // ...but 31 idle minutes end it.
    expect(await actorForSession(sessionId, new Date(now + 92 * 60_000))).toBeNull();

    const second = await signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client("10.4.0.1"));
    await db().session.update({ where: { id: second.sessionId }, data: { createdAt: new Date(now - 13 * 3_600_000) } });
    expect(await actorForSession(second.sessionId)).toBeNull();
  });

  it("refuses malformed input naming the field", async () => {
    const e = await signInError({ email: "not-an-email", password: "" }, "10.5.0.1");
    expect(e.status).toBe(400);
    expect(Object.keys((e.details as { fieldErrors: object }).fieldErrors).sort()).toEqual(["email", "password"]);
  });
});

describe("API tokens", () => {
  it("stores only a hash, records last use, and stops working when revoked", async () => {
    const user = await createUser();
    const { token, view } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "detector" });
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await actorForToken(token))?.id).toBe(user.id);
    expect((await listApiTokens(user))[0].lastUsedAt).not.toBeNull();
    await revokeApiToken(user, SYSTEM_CONTEXT, view.id);
    expect(await actorForToken(token)).toBeNull();
    expect(await actorForToken("lan_not-a-real-token")).toBeNull();
  });

  it("cannot be revoked by another user", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const { view } = await createApiToken(owner.id, SYSTEM_CONTEXT, { name: "mine" });
    await expect(revokeApiToken(intruder, SYSTEM_CONTEXT, view.id)).rejects.toMatchObject({ status: 404 });
  });
});
