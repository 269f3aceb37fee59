// The admin setting that turns password sign-in off, so everyone signs in through single sign-on
// (decision 0029). It can only be turned off while single sign-on is configured; the break-glass
// `npm run admin -- enable-password-sign-in` turns it back on from the server's shell.
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import type { AuditContext } from "@/lib/audit/audit-context";
import { ssoConfig } from "@/lib/auth/sso-config";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { readSettings, writeSettings } from "@/lib/settings/settings";

export const PASSWORD_SIGN_IN_OFF_SETTING = "auth.passwordSignInOff";

export async function isPasswordSignInOff(): Promise<boolean> {
  const values = await readSettings([PASSWORD_SIGN_IN_OFF_SETTING]);
  return values[PASSWORD_SIGN_IN_OFF_SETTING] === "true";
}

/** Admin only (writeSettings checks), audited as settings.update. */
export async function setPasswordSignInOff(ctx: RequestContext, off: boolean, sso = ssoConfig()): Promise<void> {
  if (off && !sso) {
    throw new AppError("CONFLICT", "Password sign-in can only be turned off while single sign-on is configured (LANTERN_OIDC_ISSUER); nobody could sign in otherwise.");
  }
  await writeSettings(ctx, { [PASSWORD_SIGN_IN_OFF_SETTING]: off ? "true" : null });
}

/** The break-glass: turns password sign-in back on without a signed-in admin (the admin CLI). */
export async function unsafeTurnPasswordSignInOn(ctx: AuditContext): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const removed = await tx.setting.deleteMany({ where: { key: PASSWORD_SIGN_IN_OFF_SETTING } });
    if (removed.count === 0) return false;
    await appendAuditEvent(tx, ctx, {
      action: "settings.update",
      entityType: "Setting",
      changes: { [PASSWORD_SIGN_IN_OFF_SETTING]: { before: "true", after: null } },
    });
    return true;
  });
}
