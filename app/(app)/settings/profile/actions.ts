"use server";
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import { currentSessionId, requireRequestContext } from "@/lib/auth/current-user";
import { changePassword, updateProfile } from "@/lib/users/profile";

export async function updateProfileAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const { name } = await updateProfile(ctx, pickFields(form, ["name"]));
    refresh();
    return { ok: true, message: `Name saved: ${name}` };
  } catch (e) {
    return failure(e, formValues(form));
  }
}

export async function changePasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const { endedSessions } = await changePassword(ctx, await currentSessionId(), pickFields(form, ["currentPassword", "newPassword", "confirmPassword"]));
    refresh();
    const others = endedSessions === 1 ? "1 other browser was signed out" : `${endedSessions} other browsers were signed out`;
    return { ok: true, message: `Password changed${endedSessions ? `; ${others}` : ""}` };
  } catch (e) {
    return failure(e); // never echo passwords back
  }
}
