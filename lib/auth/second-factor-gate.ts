// Who must enrol a second factor before doing anything else: ADMINs (unless
// LANTERN_REQUIRE_TOTP_FOR_ADMINS=false) and, when an admin turns the setting on, everyone.
// API tokens are not gated: a token is its own credential (decision 0027).
import type { Actor, RequestContext } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readSettings, writeSettings } from "@/lib/settings/settings";

export const REQUIRE_SECOND_FACTOR_SETTING = "auth.requireSecondFactorForEveryone";

export async function readRequireSecondFactorForEveryone(): Promise<boolean> {
  const values = await readSettings([REQUIRE_SECOND_FACTOR_SETTING]);
  return values[REQUIRE_SECOND_FACTOR_SETTING] === "true";
}

/** Admin only (writeSettings checks), audited as settings.update. */
export async function setRequireSecondFactorForEveryone(ctx: RequestContext, required: boolean): Promise<void> {
  await writeSettings(ctx, { [REQUIRE_SECOND_FACTOR_SETTING]: required ? "true" : null });
}

/** Whether this user's account must have a second factor (enrolled or not). */
export async function secondFactorRequiredFor(
  actor: Pick<Actor, "role">,
  requireForAdmins: boolean = env().LANTERN_REQUIRE_TOTP_FOR_ADMINS,
): Promise<boolean> {
  return (actor.role === "ADMIN" && requireForAdmins) || readRequireSecondFactorForEveryone();
}

/** True when this signed-in user has no second factor yet but must have one. */
export async function mustEnrolSecondFactor(
  actor: Pick<Actor, "id" | "role">,
  requireForAdmins: boolean = env().LANTERN_REQUIRE_TOTP_FOR_ADMINS,
): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  if (user?.totpEnabledAt) return false;
  return secondFactorRequiredFor(actor, requireForAdmins);
}
