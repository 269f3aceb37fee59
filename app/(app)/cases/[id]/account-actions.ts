"use server";
// Server actions of the case page's Accounts panel: attach several accounts with one role, detach one.
import type { ActionState } from "@/components/action-state";
import { defineFormAction } from "@/components/form-action";
import { attachAccounts, detachAccount } from "@/lib/accounts/case-accounts";

const caseKey = (form: FormData) => String(form.get("caseId") ?? "");

export const attachAccountsAction = defineFormAction<ActionState>(async (ctx, form) => {
  const role = String(form.get("role") ?? "");
  const ids = form.getAll("accountIds").filter((v): v is string => typeof v === "string");
  const attached = await attachAccounts(ctx, caseKey(form), { accounts: ids.map((accountId) => ({ accountId, role })) });
  return { ok: true, message: attached.length === 1 ? "1 account attached" : `${attached.length} accounts attached` };
});

export const detachAccountAction = defineFormAction<ActionState>(async (ctx, form) => {
  await detachAccount(ctx, caseKey(form), String(form.get("accountId") ?? ""));
  return { ok: true, message: "Account detached" };
});
