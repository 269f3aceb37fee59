"use server";
import type { ActionState } from "@/components/action-state";
import { accountFailure, accountInputOf } from "@/components/accounts/account-form-input";
import { defineFormAction, redirectTo } from "@/components/form-action";
import { updateAccount } from "@/lib/accounts/update-account";

export const updateAccountAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    const { id, externalId } = await updateAccount(ctx, String(form.get("accountId") ?? ""), accountInputOf(form, ["version"]).input);
    return redirectTo(`/accounts/${id}?toast=${encodeURIComponent(`Account ${externalId} updated`)}`);
  },
  { fail: (e, form) => accountFailure(e, form, accountInputOf(form, ["version"]).rowOfAttribute) },
);
