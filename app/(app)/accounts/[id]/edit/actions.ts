"use server";
import { redirect } from "next/navigation";
import type { ActionState } from "@/components/action-state";
import { accountFailure, accountInputOf } from "@/components/accounts/account-form-input";
import { updateAccount } from "@/lib/accounts/update-account";
import { requireRequestContext } from "@/lib/auth/current-user";

export async function updateAccountAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  const { input, rowOfAttribute } = accountInputOf(form, ["version"]);
  let id: string;
  let externalId: string;
  try {
    ({ id, externalId } = await updateAccount(ctx, String(form.get("accountId") ?? ""), input));
  } catch (e) {
    return accountFailure(e, form, rowOfAttribute);
  }
  redirect(`/accounts/${id}?toast=${encodeURIComponent(`Account ${externalId} updated`)}`);
}
