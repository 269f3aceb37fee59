import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/client";
import { updateUser } from "@/lib/users/users";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createUser, TEST_PASSWORD } from "@/test/factories";
import { expectAppError } from "@/test/support/expect-app-error";

const attempt = (email: string, password: string, ip: string) => expectAppError(signInWithPassword({ email, password }, { ip, userAgent: "vitest" }));

async function refusals(email: string) {
  const rows = await db().auditEvent.findMany({ where: { action: { startsWith: "auth.sign-in-" } }, orderBy: { seq: "asc" } });
  return rows
    .map((r) => ({ ...r, changes: JSON.parse(r.changes) as Record<string, unknown> }))
    .filter((r) => r.changes.email === email);
}

describe("refused sign-ins in the audit trail", () => {
  it("records each failure with the email tried, the reason and the address, never the password", async () => {
    const user = await createUser();
    await attempt(user.email, "wrong password one", "10.50.0.1");
    await attempt("nobody-here@example.test", "wrong password two", "10.50.0.2");
    const failed = await refusals(user.email);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ action: "auth.sign-in-failed", actorId: null, entityType: "User", entityId: user.id, ip: "10.50.0.1" });
    expect(failed[0].changes).toEqual({ email: user.email, reason: "wrong password" });
    const unknown = await refusals("nobody-here@example.test");
    expect(unknown[0]).toMatchObject({ entityId: null, ip: "10.50.0.2" });
    expect(unknown[0].changes.reason).toBe("unknown email");
    const all = await db().auditEvent.findMany({ where: { action: { startsWith: "auth." } } });
    expect(JSON.stringify(all)).not.toContain("wrong password one");
  });

  it("records a disabled account's attempt and every throttled one", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await createUser();
    await updateUser(admin, SYSTEM_CONTEXT, user.id, { disabled: true });
    for (let i = 0; i < 5; i++) expect((await attempt(user.email, TEST_PASSWORD, `10.51.0.${i}`)).status).toBe(401);
    expect((await attempt(user.email, TEST_PASSWORD, "10.51.1.1")).status).toBe(429);
    expect((await attempt(user.email, TEST_PASSWORD, "10.51.1.2")).status).toBe(429);
    const events = await refusals(user.email);
    expect(events.map((e) => e.action)).toEqual([...Array(5).fill("auth.sign-in-failed"), "auth.sign-in-throttled", "auth.sign-in-throttled"]);
    expect(events[0].changes.reason).toBe("account disabled");
    expect(events[5]).toMatchObject({ ip: "10.51.1.1", changes: { email: user.email, reason: "throttled" } });
    expect(events[5].changes.retryAfterSeconds).toBeGreaterThan(0);
  });
});
