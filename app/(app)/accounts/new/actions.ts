"use server";
import type { ActionState } from "@/components/action-state";
import { accountFailure, accountInputOf } from "@/components/accounts/account-form-input";
import { defineFormAction, redirectTo } from "@/components/form-action";
import { createAccount } from "@/lib/accounts/create-account";

export const createAccountAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    const { id, externalId } = await createAccount(ctx, accountInputOf(form).input);
    return redirectTo(`/accounts/${id}?toast=${encodeURIComponent(`Account ${externalId} created`)}`);
  },
  { fail: (e, form) => accountFailure(e, form, accountInputOf(form).rowOfAttribute) },
);
