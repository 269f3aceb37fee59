"use server";
import type { ActionState } from "@/components/action-state";
import { defineFormAction } from "@/components/form-action";
import { setRequireSecondFactorForEveryone } from "@/lib/auth/second-factor-gate";

export const saveSecondFactorPolicyAction = defineFormAction<ActionState>(async (ctx, form) => {
  const required = form.get("requireForEveryone") === "on";
  await setRequireSecondFactorForEveryone(ctx, required);
  return { ok: true, message: required ? "Everyone must now have a second factor" : "A second factor is optional for non-admins" };
});
