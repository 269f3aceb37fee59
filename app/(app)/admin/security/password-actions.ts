"use server";
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { setPasswordSignInOff } from "@/lib/auth/password-sign-in-setting";

export async function savePasswordSignInAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const off = form.get("passwordSignIn") !== "on";
    await setPasswordSignInOff(ctx, off);
    refresh();
    return { ok: true, message: off ? "Password sign-in is off: single sign-on only" : "Password sign-in is on" };
  } catch (e) {
    return failure(e);
  }
}
