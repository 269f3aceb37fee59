"use server";
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { setRequireSecondFactorForEveryone } from "@/lib/auth/second-factor-gate";

export async function saveSecondFactorPolicyAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const required = form.get("requireForEveryone") === "on";
    await setRequireSecondFactorForEveryone(ctx, required);
    refresh();
    return { ok: true, message: required ? "Everyone must now have a second factor" : "A second factor is optional for non-admins" };
  } catch (e) {
    return failure(e);
  }
}
