import { describe, expect, it } from "vitest";
import type { Session } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { actorForToken, createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { actorOfSession, authOptions } from "@/lib/auth/auth-options";
import { actorForSession, signOutSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { updateUser } from "@/lib/users/users";
import { createUser, TEST_PASSWORD } from "@/test/factories";

const MINUTE = 60_000;
const client = { ip: "10.40.0.1", userAgent: "vitest" };

async function signIn(email: string) {
  return (await signInWithPassword({ email, password: TEST_PASSWORD }, client)).sessionId;
}

/** What next-auth's session callback answers for a cookie naming `sid` (as GET /api/auth/session does). */
async function sessionEndpoint(sid: string) {
  const callback = authOptions().callbacks!.session!;
  const session: Session = { user: { name: "x", email: "x@example.test" }, expires: new Date(Date.now() + 3_600_000).toISOString() };
  return (await callback({ session, token: { sid } as JWT } as Parameters<typeof callback>[0])) as Session & { sid?: string };
}

describe("idle timeout (30 minutes)", () => {
  it("does not end a session whose last request was less than the limit ago, though lastSeenAt lags it", async () => {
    const user = await createUser();
    const sid = await signIn(user.email);
    const start = (await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt.getTime();
    // A request 59 s after sign-in is not written (lastSeenAt is written at most once a minute)...
    expect(await actorForSession(sid, new Date(start + 59_000))).not.toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt.getTime()).toBe(start);
    // ...so the next request, 29 min 59 s after that one, is still inside the idle limit.
    expect(await actorForSession(sid, new Date(start + 59_000 + 30 * MINUTE - 1_000))).not.toBeNull();
  });

  it("ends a session idle for the limit plus the write interval, and writes activity from a minute on", async () => {
    const user = await createUser();
    const sid = await signIn(user.email);
    const start = (await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt.getTime();
    expect(await actorForSession(sid, new Date(start + MINUTE))).not.toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt.getTime()).toBe(start + MINUTE);
    expect(await actorForSession(sid, new Date(start + 32 * MINUTE + 1))).toBeNull();
    expect((await db().session.findUniqueOrThrow({ where: { id: sid } })).endedAt).not.toBeNull();
  });
});

describe("disabling a user", () => {
  it("revokes their API tokens for good: re-enabling does not bring them back", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const { token, view } = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "pipeline" });
    expect(await actorForToken(token)).not.toBeNull();
    await updateUser(admin, SYSTEM_CONTEXT, user.id, { disabled: true });
    await updateUser(admin, SYSTEM_CONTEXT, user.id, { disabled: false });
    expect(await actorForToken(token)).toBeNull();
    expect((await listApiTokens(user)).find((t) => t.id === view.id)?.revokedAt).not.toBeNull();
    const revoked = await db().auditEvent.findMany({ where: { action: "token.revoke", entityId: view.id } });
    expect(revoked).toHaveLength(1);
    // A token made after re-enabling works.
    const fresh = await createApiToken(user.id, SYSTEM_CONTEXT, { name: "new" });
    expect((await actorForToken(fresh.token))?.id).toBe(user.id);
  });
});

describe("next-auth's session callback (GET /api/auth/session)", () => {
  it("answers the session only while the server-side session is live", async () => {
    const user = await createUser();
    const sid = await signIn(user.email);
    const live = await sessionEndpoint(sid);
    expect(live.sid).toBe(sid);
    expect(actorOfSession(live)?.id).toBe(user.id);
    expect(JSON.parse(JSON.stringify(live))).not.toHaveProperty("role");
    await signOutSession(sid);
    expect(await sessionEndpoint(sid)).toEqual({});
    expect(actorOfSession(await sessionEndpoint(sid))).toBeNull();
  });

  it("answers an empty session for a disabled user's session and an unknown id", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    const sid = await signIn(user.email);
    await updateUser(admin, SYSTEM_CONTEXT, user.id, { disabled: true });
    expect(await sessionEndpoint(sid)).toEqual({});
    expect(await sessionEndpoint("no-such-session")).toEqual({});
  });
});
