// User accounts: create, list, re-role, disable. Managed by ADMINs; every change is audited.
import type { Actor } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { hashPassword } from "@/lib/auth/password";
import { appendAuditEvent, diffFields } from "@/lib/audit/append-audit-event";
import type { AuditContext } from "@/lib/audit/audit-context";
import { db, type Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ZCreateUserInput, ZUpdateUserInput, type TCreateUserInput } from "@/lib/users/user-schemas";
import type { Role } from "@/lib/generated/sqlite/enums";

export type UserView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** A second factor is enrolled (an admin can reset it: reset-second-factor.ts). */
  secondFactor: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
};

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabledAt: true,
  totpEnabledAt: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

function toView(u: { disabledAt: Date | null; totpEnabledAt: Date | null } & Omit<UserView, "disabled" | "secondFactor">): UserView {
  const { disabledAt, totpEnabledAt, ...rest } = u;
  return { ...rest, disabled: disabledAt !== null, secondFactor: totpEnabledAt !== null };
}

/** Creates a user. Used by the admin page, the CLI and first-run bootstrap (ctx is the system). */
export async function unsafeCreateUser(ctx: AuditContext, input: TCreateUserInput): Promise<UserView> {
  const data = parseInput(ZCreateUserInput, input);
  const passwordHash = await hashPassword(data.password);
  return db().$transaction((tx) => insertUser(tx, ctx, data, passwordHash));
}

/** The insert of unsafeCreateUser inside a transaction of the caller's (first-run bootstrap takes a
 *  lock first); `data` is already validated and the password hashed. */
export async function insertUser(tx: Tx, ctx: AuditContext, data: TCreateUserInput, passwordHash: string): Promise<UserView> {
  const existing = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) {
    throw new AppError("CONFLICT", "A user with this email already exists", {
      fieldErrors: { email: ["is already in use"] },
    });
  }
  const user = await tx.user.create({
    data: { email: data.email, name: data.name, role: data.role, passwordHash },
    select: userSelect,
  });
  await appendAuditEvent(tx, ctx, {
    action: "user.create",
    entityType: "User",
    entityId: user.id,
    changes: { email: { after: user.email }, role: { after: user.role } },
  });
  return toView(user);
}

export async function createUser(actor: Actor, ctx: AuditContext, input: TCreateUserInput): Promise<UserView> {
  assertCan(actor, "users:manage", "Only admins can manage users");
  return unsafeCreateUser(ctx, input);
}

export async function listUsers(actor: Actor, opts: { page?: number; pageSize?: number } = {}) {
  assertCan(actor, "users:manage", "Only admins can manage users");
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 200);
  const page = Math.max(opts.page ?? 1, 1);
  const [rows, total] = await Promise.all([
    db().user.findMany({ select: userSelect, orderBy: { email: "asc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db().user.count(),
  ]);
  return { items: rows.map(toView), total, page, pageSize };
}

/** Users who can be picked as lead or member: active, any role but AUDITOR. Visible to all signed-in users. */
export async function listAssignableUsers(): Promise<{ id: string; name: string; email: string }[]> {
  return db().user.findMany({
    where: { disabledAt: null, role: { not: "AUDITOR" } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
    take: 500,
  });
}

export async function updateUser(actor: Actor, ctx: AuditContext, userId: string, input: unknown): Promise<UserView> {
  assertCan(actor, "users:manage", "Only admins can manage users");
  const data = parseInput(ZUpdateUserInput, input);
  if (userId === actor.id && (data.disabled || (data.role && data.role !== "ADMIN"))) {
    throw new AppError("CONFLICT", "You cannot disable or demote yourself");
  }
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: userSelect });
    if (!before) throw notFound("User not found");
    const disabledAt =
      data.disabled === undefined ? before.disabledAt : data.disabled ? (before.disabledAt ?? new Date()) : null;
    const after = await tx.user.update({
      where: { id: userId },
      data: { role: data.role ?? before.role, disabledAt },
      select: userSelect,
    });
    const changes = diffFields(
      { role: before.role, disabled: before.disabledAt !== null },
      { role: after.role, disabled: after.disabledAt !== null },
    );
    if (Object.keys(changes).length) {
      await appendAuditEvent(tx, ctx, { action: "user.update", entityType: "User", entityId: userId, changes });
    }
    if (data.disabled) {
      // Disabling ends live sessions and revokes API tokens for good: re-enabling the account later
      // does not bring either back (the user signs in again and makes new tokens).
      const now = new Date();
      await tx.session.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
      const tokens = await tx.apiToken.findMany({ where: { userId, revokedAt: null }, select: { id: true } });
      await tx.apiToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) } }, data: { revokedAt: now } });
      for (const t of tokens) {
        await appendAuditEvent(tx, ctx, { action: "token.revoke", entityType: "ApiToken", entityId: t.id, changes: { reason: { after: "user disabled" } } });
      }
    }
    return toView(after);
  });
}
