// Single sign-on after the provider's answer (decision 0029), on the real database: a verified
// email matches a user or creates one with the mapped (or default) role, a role claim keeps the
// role in step, and an unverified email, a domain outside the list, a disabled user are refused
// with an audit event each; a user with a second factor gets a ticket, not a session, until the
// code is right; password sign-in turned off is refused server-side, and the break-glass undoes it.
import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { actorForSession } from "@/lib/auth/sessions";
import { isPasswordSignInOff, setPasswordSignInOff, unsafeTurnPasswordSignInOn } from "@/lib/auth/password-sign-in-setting";
import { confirmSecondFactorEnrolment, startSecondFactorEnrolment } from "@/lib/auth/second-factor";
import { PASSWORD_SIGN_IN_OFF, signInWithPassword } from "@/lib/auth/sign-in";
import { identityFromClaims, roleFromClaims, SsoRefusal } from "@/lib/auth/sso-claims";
import type { SsoConfig } from "@/lib/auth/sso-config";
import { classifyCallbackError, currentSsoRequest, handleAuthRequest, logAuthError } from "@/lib/auth/sso-request";
import { completeSsoSecondFactor, INVALID_SSO_CODE, openSsoTicket, sealSsoTicket } from "@/lib/auth/sso-second-factor";
import { NO_PASSWORD, signInWithSso } from "@/lib/auth/sso-sign-in";
import { db } from "@/lib/db/client";
import { createUser, ctxFor, SYSTEM_CONTEXT, TEST_PASSWORD } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

const config: SsoConfig = {
  issuer: "https://id.example.test",
  clientId: "lantern",
  clientSecret: "secret",
  name: "Example ID",
  scopes: "openid email profile groups",
  roleClaim: "groups",
  roleMap: { "lantern-admins": "ADMIN", "lantern-managers": "MANAGER", "lantern-auditors": "AUDITOR" },
  allowedDomains: ["sso.test"],
  defaultRole: "INVESTIGATOR",
};
const client = () => ({ ip: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });
const email = (local = "u") => `${local}-${randomUUID().slice(0, 8)}@sso.test`;
const claims = (address: string, extra: Record<string, unknown> = {}) => ({ sub: `sub-${address}`, email: address, email_verified: true, name: "Sam Sso", ...extra });

async function refusalsFor(address: string | null, ip: string) {
  const rows = await db().auditEvent.findMany({ where: { action: "auth.sign-in-failed", ip }, orderBy: { seq: "asc" } });
  return rows.map((r) => JSON.parse(r.changes) as Record<string, unknown>).filter((c) => address === null || c.email === address);
}

async function refusedWith(promise: Promise<unknown>): Promise<SsoRefusal> {
  const e = await promise.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SsoRefusal);
  return e as SsoRefusal;
}

describe("claims", () => {
  it("maps the role claim (a string or a list; the highest mapped value wins) and ignores unmapped values", () => {
    expect(roleFromClaims({ groups: ["staff", "lantern-auditors", "lantern-managers"] }, config)).toBe("MANAGER");
    expect(roleFromClaims({ groups: "lantern-admins" }, config)).toBe("ADMIN");
    expect(roleFromClaims({ groups: ["staff"] }, config)).toBeNull();
    expect(roleFromClaims({}, config)).toBeNull();
    expect(roleFromClaims({ groups: "lantern-admins" }, { ...config, roleClaim: null })).toBeNull();
  });

  it("wants email_verified to be the boolean true, and the domain in the list when there is one", () => {
    const address = email();
    expect(identityFromClaims(claims(address.toUpperCase()), config).email).toBe(address);
    for (const verified of [false, "true", undefined]) {
      expect(() => identityFromClaims(claims(address, { email_verified: verified }), config)).toThrow(SsoRefusal);
    }
    expect(() => identityFromClaims(claims("x@elsewhere.test"), config)).toThrowError(/domain is not allowed/);
    expect(identityFromClaims(claims("x@elsewhere.test"), { ...config, allowedDomains: [] }).email).toBe("x@elsewhere.test");
    expect(() => identityFromClaims({ sub: "s", email_verified: true }, config)).toThrowError(/did not send a usable email/);
    expect(() => identityFromClaims(claims("not an email@sso.test"), config)).toThrowError(/did not send a usable email/);
  });

  it("tells a wrong audience and a replayed state apart from other callback errors", () => {
    expect(classifyCallbackError("aud mismatch, expected lantern, got: other-app")).toBe("audience");
    expect(classifyCallbackError("State cookie was missing.")).toBe("state");
    expect(classifyCallbackError("PKCE code_verifier cookie was missing.")).toBe("state");
    expect(classifyCallbackError("invalid_grant (grant request is invalid)")).toBe("state");
    expect(classifyCallbackError("unexpected JWT alg received")).toBe("failed");
  });
});

describe("signing in with single sign-on", () => {
  it("creates a user on first sign-in with the mapped role and matches the same user the second time", async () => {
    const address = email("manager");
    const first = await signInWithSso(claims(address, { groups: ["lantern-managers"] }), client(), config);
    expect(first.kind).toBe("session");
    const user = await db().user.findUniqueOrThrow({ where: { email: address } });
    expect(user).toMatchObject({ role: "MANAGER", name: "Sam Sso", passwordHash: NO_PASSWORD });
    if (first.kind !== "session") throw new Error("no session");
    expect(await actorForSession(first.sessionId)).toMatchObject({ id: user.id, role: "MANAGER" });
    const second = await signInWithSso(claims(address, { groups: ["lantern-managers"] }), client(), config);
    expect(second).toMatchObject({ kind: "session", userId: user.id });
    expect(await db().user.count({ where: { email: address } })).toBe(1);
    const events = await db().auditEvent.findMany({ where: { OR: [{ entityId: user.id }, { actorId: user.id }] }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["user.create", "auth.sign-in", "auth.sign-in"]);
    expect(JSON.parse(events[1].changes)).toEqual({ method: "sso" });
  });

  it("gives a new user the default role when the claim maps to none, and keeps an existing user's role in step with the claim", async () => {
    const address = email();
    await signInWithSso(claims(address, { groups: ["staff"] }), client(), config);
    expect((await db().user.findUniqueOrThrow({ where: { email: address } })).role).toBe("INVESTIGATOR");
    const existing = await createUser({ role: "INVESTIGATOR", email: email("existing") });
    await signInWithSso(claims(existing.email, { groups: ["lantern-auditors"] }), client(), config);
    expect((await db().user.findUniqueOrThrow({ where: { id: existing.id } })).role).toBe("AUDITOR");
    const update = await db().auditEvent.findFirstOrThrow({ where: { action: "user.update", entityId: existing.id } });
    expect(JSON.parse(update.changes)).toMatchObject({ role: { before: "INVESTIGATOR", after: "AUDITOR" } });
    // No mapped value: the role stays as it is.
    await signInWithSso(claims(existing.email, { groups: [] }), client(), config);
    expect((await db().user.findUniqueOrThrow({ where: { id: existing.id } })).role).toBe("AUDITOR");
    // The password of a matched user still works; a user created by SSO has none.
    await expect(signInWithPassword({ email: existing.email, password: TEST_PASSWORD }, client())).resolves.toMatchObject({ userId: existing.id });
    expect((await expectAppError(signInWithPassword({ email: address, password: NO_PASSWORD }, client()))).code).toBe("UNAUTHENTICATED");
  });

  it("refuses an unverified email, a domain outside the list and a disabled user, each with an audit event, creating nobody", async () => {
    const c = client();
    const unverified = email("unverified");
    expect((await refusedWith(signInWithSso(claims(unverified, { email_verified: false }), c, config))).key).toBe("unverified-email");
    const outside = `someone-${randomUUID().slice(0, 6)}@elsewhere.test`;
    expect((await refusedWith(signInWithSso(claims(outside), c, config))).key).toBe("domain");
    const disabled = await createUser({ email: email("disabled"), disabled: true });
    expect((await refusedWith(signInWithSso(claims(disabled.email), c, config))).key).toBe("disabled");
    expect(await db().user.count({ where: { email: { in: [unverified, outside] } } })).toBe(0);
    expect(await refusalsFor(null, c.ip!)).toEqual([
      { method: "sso", reason: "unverified-email", email: unverified },
      { method: "sso", reason: "domain", email: outside },
      { method: "sso", reason: "disabled", email: disabled.email },
    ]);
    expect(await db().session.count({ where: { userId: disabled.id } })).toBe(0);
  });
});

describe("the second factor after single sign-on", () => {
  it("starts no session for a user with a second factor until the code is right, and the ticket is signed and expires", async () => {
    const user = await createUser({ email: email("totp") });
    const { secret } = await startSecondFactorEnrolment(ctxFor(user));
    await confirmSecondFactorEnrolment(ctxFor(user), { code: await generate({ secret }) });
    const sessionsBefore = await db().session.count({ where: { userId: user.id } });
    const result = await signInWithSso(claims(user.email), client(), config);
    expect(result).toEqual({ kind: "second-factor", userId: user.id, email: user.email });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(sessionsBefore);

    const ticket = sealSsoTicket(user.id);
    expect(openSsoTicket(ticket)).toBe(user.id);
    expect(openSsoTicket(ticket.replace(user.id, "someone-else"))).toBeNull();
    expect(openSsoTicket(ticket, new Date(Date.now() + 301_000))).toBeNull();

    const c = client();
    const wrong = await expectAppError(completeSsoSecondFactor(ticket, "000000", c));
    expect(wrong.code).toBe("UNAUTHENTICATED");
    expect(wrong.message).toBe(INVALID_SSO_CODE);
    expect(await refusalsFor(user.email, c.ip!)).toEqual([{ method: "sso", reason: "failed", email: user.email, detail: "wrong second factor" }]);
    // Two steps on, so the enrolment's code is not reused.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const done = await completeSsoSecondFactor(ticket, code, c, new Date(Date.now() + 30_000));
    expect(await actorForSession(done.sessionId)).toMatchObject({ id: user.id });
  });
});

describe("password sign-in turned off", () => {
  it("refuses passwords server-side (audited), cannot be turned off without SSO, and the break-glass turns it back on", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser({ email: email("pw") });
    expect((await expectAppError(setPasswordSignInOff(ctxFor(admin), true, null))).code).toBe("CONFLICT");
    expect((await expectAppError(setPasswordSignInOff(ctxFor(user), true, config))).code).toBe("FORBIDDEN");
    await setPasswordSignInOff(ctxFor(admin), true, config);
    try {
      expect(await isPasswordSignInOff()).toBe(true);
      const c = client();
      const refused = await expectAppError(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, c));
      expect(refused.code).toBe("FORBIDDEN");
      expect(refused.message).toBe(PASSWORD_SIGN_IN_OFF);
      expect(await refusalsFor(user.email, c.ip!)).toEqual([{ email: user.email, reason: "password sign-in off" }]);
      // Single sign-on still works.
      await expect(signInWithSso(claims(user.email), client(), config)).resolves.toMatchObject({ kind: "session", userId: user.id });
    } finally {
      expect(await unsafeTurnPasswordSignInOn({ ...SYSTEM_CONTEXT, actorEmail: "cli:test" })).toBe(true);
    }
    expect(await isPasswordSignInOff()).toBe(false);
    expect(await unsafeTurnPasswordSignInOn(SYSTEM_CONTEXT)).toBe(false);
    const events = await db().auditEvent.findMany({ where: { action: "settings.update", actorEmail: { in: [admin.email, "cli:test"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => JSON.parse(e.changes))).toEqual([
      { "auth.passwordSignInOff": { before: null, after: "true" } },
      { "auth.passwordSignInOff": { before: "true", after: null } },
    ]);
    await expect(signInWithPassword({ email: user.email, password: TEST_PASSWORD }, client())).resolves.toMatchObject({ userId: user.id });
  });
});

describe("the auth route wrapper", () => {
  const callback = (ip: string) => new Request("http://127.0.0.1:3000/api/auth/callback/oidc?code=c&state=s", { headers: { "x-forwarded-for": ip, "user-agent": "vitest" } });
  const nextAuthRedirect = () => {
    const r = new Response(null, { status: 302, headers: { Location: "http://127.0.0.1:3000/api/auth/error?error=OAuthCallback" } });
    r.headers.append("Set-Cookie", "next-auth.state=; Max-Age=0");
    r.headers.append("Set-Cookie", "next-auth.pkce.code_verifier=; Max-Age=0");
    return r;
  };

  it("audits a callback error next-auth only logged, and sends the browser to the login page with the reason, keeping its cookies", async () => {
    const ip = "10.88.1.2";
    const res = await handleAuthRequest(callback(ip), async () => {
      logAuthError("OAUTH_CALLBACK_ERROR", { error: new Error("aud mismatch, expected lantern, got: other-app"), providerId: "oidc" });
      return nextAuthRedirect();
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?error=sso-audience");
    expect(res.headers.getSetCookie()).toEqual(["next-auth.state=; Max-Age=0", "next-auth.pkce.code_verifier=; Max-Age=0"]);
    expect(await refusalsFor(null, ip)).toEqual([{ method: "sso", reason: "audience", detail: "aud mismatch, expected lantern, got: other-app" }]);
  });

  it("sends a user who owes a second factor to the code form with the ticket in an HttpOnly cookie, and leaves other answers alone", async () => {
    const res = await handleAuthRequest(callback("10.88.1.3"), async () => {
      currentSsoRequest()!.ticket = "the-ticket";
      return nextAuthRedirect();
    });
    expect(res.headers.get("location")).toBe("/login?sso=code&callbackUrl=%2F");
    expect(res.headers.getSetCookie()).toContain("lantern.sso-second-factor=the-ticket; Path=/; HttpOnly; SameSite=Lax; Max-Age=300");
    const plain = await handleAuthRequest(callback("10.88.1.4"), async () => new Response("{}", { status: 200 }));
    expect(plain.status).toBe(200);
    expect(await refusalsFor(null, "10.88.1.4")).toEqual([]);
  });
});
