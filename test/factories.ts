// Test data made at test time, through the same lib/ functions the app uses.
import { randomUUID } from "node:crypto";
import type { Actor, RequestContext, Role } from "@/lib/access/actor";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { createCase as libCreateCase } from "@/lib/cases/create-case";
import type { TCreateCaseInput } from "@/lib/cases/case-schemas";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { createAccount as libCreateAccount } from "@/lib/accounts/create-account";
import type { TCreateAccountInput } from "@/lib/accounts/account-schemas";
import { attachAccounts } from "@/lib/accounts/case-accounts";

let counter = 0;
let fastHash: Promise<string> | undefined;

export const TEST_PASSWORD = "correct horse battery staple";

/** A user row; the password is TEST_PASSWORD (hashed once per file to keep tests quick). */
export async function createUser(overrides: { role?: Role; email?: string; name?: string; disabled?: boolean } = {}): Promise<Actor> {
  counter += 1;
  fastHash ??= hashPassword(TEST_PASSWORD);
  const role = overrides.role ?? "INVESTIGATOR";
  const email = overrides.email ?? `${role.toLowerCase()}-${counter}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await db().user.create({
    data: {
      email,
      name: overrides.name ?? `${role[0]}${role.slice(1).toLowerCase()} ${counter}`,
      role,
      passwordHash: await fastHash,
      disabledAt: overrides.disabled ? new Date() : null,
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return user;
}

export function ctxFor(actor: Actor): RequestContext {
  return { actor, requestId: randomUUID(), ip: "127.0.0.1" };
}

export async function createCase(actor: Actor, overrides: Partial<TCreateCaseInput> = {}) {
  counter += 1;
  return libCreateCase(ctxFor(actor), { title: `Distillation probe ${counter}`, summary: "Suspicious harvesting", ...overrides });
}

export { SYSTEM_CONTEXT };

/** An account through the same lib function as the app and API (actor: any writer, e.g. an investigator). */
export async function createAccount(actor: Actor, overrides: Partial<TCreateAccountInput> = {}) {
  counter += 1;
  return libCreateAccount(ctxFor(actor), {
    externalId: `acct-${counter}-${randomUUID().slice(0, 8)}`,
    displayName: `Account ${counter}`,
    organization: "Example Labs",
    ...overrides,
  });
}

/** Attaches accounts to a case (the actor needs write access to the case). */
export function attachAccount(actor: Actor, caseId: string, accountId: string, role: "SUBJECT" | "ASSOCIATE" | "VICTIM" | "WITNESS" = "SUBJECT") {
  return attachAccounts(ctxFor(actor), caseId, { accountId, role });
}
