// First run: when there are no users, create the first ADMIN so someone can sign in.
import { randomBytes } from "node:crypto";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { unsafeCreateUser } from "@/lib/users/users";

export type BootstrapResult = { created: false } | { created: true; email: string; generatedPassword: string | null };

export async function bootstrapFirstAdmin(email: string, password: string | undefined): Promise<BootstrapResult> {
  if ((await db().user.count()) > 0) return { created: false };
  const generated = password ? null : randomBytes(12).toString("base64url");
  await unsafeCreateUser(SYSTEM_CONTEXT, { email, name: "Administrator", role: "ADMIN", password: password ?? generated! });
  return { created: true, email, generatedPassword: generated };
}
