"use server";
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import { auditContextOf } from "@/lib/audit/audit-context";
import { requireRequestContext } from "@/lib/auth/current-user";
import { resetSecondFactor } from "@/lib/users/reset-second-factor";
import { createUser, updateUser } from "@/lib/users/users";

const userId = (form: FormData) => String(form.get("userId") ?? "");

export async function createUserAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const input = pickFields(form, ["email", "name", "role", "password"]) as Parameters<typeof createUser>[2];
    const user = await createUser(ctx.actor, auditContextOf(ctx), input);
    refresh();
    return { ok: true, message: `User ${user.email} created` };
  } catch (e) {
    return failure(e, formValues(form, ["password"]));
  }
}

export async function updateUserRoleAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const user = await updateUser(ctx.actor, auditContextOf(ctx), userId(form), { role: form.get("role") });
    refresh();
    return { ok: true, message: `${user.email} is now ${user.role}` };
  } catch (e) {
    return failure(e);
  }
}

export async function setUserDisabledAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const user = await updateUser(ctx.actor, auditContextOf(ctx), userId(form), { disabled: form.get("disabled") === "true" });
    refresh();
    return { ok: true, message: user.disabled ? `${user.email} disabled` : `${user.email} enabled` };
  } catch (e) {
    return failure(e);
  }
}

export async function resetSecondFactorAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const reset = await resetSecondFactor(ctx.actor, auditContextOf(ctx), userId(form));
    refresh();
    return { ok: true, message: `${reset.email}'s second factor was reset: they are signed out and set one up again at their next sign-in` };
  } catch (e) {
    return failure(e);
  }
}
