"use server";
import type { ActionState } from "@/components/action-state";
import { defineFormAction } from "@/components/form-action";
import { setPasswordSignInOff } from "@/lib/auth/password-sign-in-setting";

export const savePasswordSignInAction = defineFormAction<ActionState>(async (ctx, form) => {
  const off = form.get("passwordSignIn") !== "on";
  await setPasswordSignInOff(ctx, off);
  return { ok: true, message: off ? "Password sign-in is off: single sign-on only" : "Password sign-in is on" };
});
