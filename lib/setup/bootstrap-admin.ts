// First run: when there are no users, create the first ADMIN so someone can sign in. Several
// instances may start at once on an empty database: the check and the insert run in one
// transaction under a named lock, so exactly one of them creates the admin and the others see it.
import { randomBytes } from "node:crypto";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { lockNamed } from "@/lib/db/dialect";
import { insertUser } from "@/lib/users/users";
import { ZCreateUserInput } from "@/lib/users/user-schemas";
import { parseInput } from "@/lib/validation";

export type BootstrapResult = { created: false } | { created: true; email: string; generatedPassword: string | null };

export async function bootstrapFirstAdmin(email: string, password: string | undefined): Promise<BootstrapResult> {
  if ((await db().user.count()) > 0) return { created: false };
  const generated = password ? null : randomBytes(12).toString("base64url");
  const data = parseInput(ZCreateUserInput, { email, name: "Administrator", role: "ADMIN", password: password ?? generated! });
  const passwordHash = await hashPassword(data.password);
  return db().$transaction(async (tx): Promise<BootstrapResult> => {
    await lockNamed(tx, "first-admin");
    if ((await tx.user.count()) > 0) return { created: false }; // another instance was first
    await insertUser(tx, SYSTEM_CONTEXT, data, passwordHash);
    return { created: true, email: data.email, generatedPassword: generated };
  });
}
