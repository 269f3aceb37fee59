"use server";
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { defineFormAction } from "@/components/form-action";
import { auditContextOf } from "@/lib/audit/audit-context";
import { resetSecondFactor } from "@/lib/users/reset-second-factor";
import { createUser, updateUser } from "@/lib/users/users";

const userId = (form: FormData) => String(form.get("userId") ?? "");

export const createUserAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    const input = pickFields(form, ["email", "name", "role", "password"]) as Parameters<typeof createUser>[2];
    const user = await createUser(ctx.actor, auditContextOf(ctx), input);
    return { ok: true, message: `User ${user.email} created` };
  },
  { echo: { omit: ["password"] } },
);

export const updateUserRoleAction = defineFormAction<ActionState>(async (ctx, form) => {
  const user = await updateUser(ctx.actor, auditContextOf(ctx), userId(form), { role: form.get("role") });
  return { ok: true, message: `${user.email} is now ${user.role}` };
});

export const setUserDisabledAction = defineFormAction<ActionState>(async (ctx, form) => {
  const user = await updateUser(ctx.actor, auditContextOf(ctx), userId(form), { disabled: form.get("disabled") === "true" });
  return { ok: true, message: user.disabled ? `${user.email} disabled` : `${user.email} enabled` };
});

export const resetSecondFactorAction = defineFormAction<ActionState>(async (ctx, form) => {
  const reset = await resetSecondFactor(ctx.actor, auditContextOf(ctx), userId(form));
  return { ok: true, message: `${reset.email}'s second factor was reset: they are signed out and set one up again at their next sign-in` };
});
