"use server";
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { defineFormAction } from "@/components/form-action";
import { currentSessionId } from "@/lib/auth/current-user";
import { changePassword, updateProfile } from "@/lib/users/profile";

export const updateProfileAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    const { name } = await updateProfile(ctx, pickFields(form, ["name"]));
    return { ok: true, message: `Name saved: ${name}` };
  },
  { echo: true },
);

// Never echoes passwords back.
export const changePasswordAction = defineFormAction<ActionState>(async (ctx, form) => {
  const { endedSessions } = await changePassword(ctx, await currentSessionId(), pickFields(form, ["currentPassword", "newPassword", "confirmPassword"]));
  const others = endedSessions === 1 ? "1 other browser was signed out" : `${endedSessions} other browsers were signed out`;
  return { ok: true, message: `Password changed${endedSessions ? `; ${others}` : ""}` };
});
