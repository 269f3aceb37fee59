"use server";
// Server actions of the case page's Accounts panel: attach several accounts with one role, detach one.
import { refresh } from "next/cache";
import { failure } from "@/components/action-result";
import type { ActionState } from "@/components/action-state";
import { attachAccounts, detachAccount } from "@/lib/accounts/case-accounts";
import { requireRequestContext } from "@/lib/auth/current-user";

const caseKey = (form: FormData) => String(form.get("caseId") ?? "");

export async function attachAccountsAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  const role = String(form.get("role") ?? "");
  const ids = form.getAll("accountIds").filter((v): v is string => typeof v === "string");
  try {
    const attached = await attachAccounts(ctx, caseKey(form), { accounts: ids.map((accountId) => ({ accountId, role })) });
    refresh();
    return { ok: true, message: attached.length === 1 ? "1 account attached" : `${attached.length} accounts attached` };
  } catch (e) {
    return failure(e);
  }
}

export async function detachAccountAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    await detachAccount(ctx, caseKey(form), String(form.get("accountId") ?? ""));
    refresh();
    return { ok: true, message: "Account detached" };
  } catch (e) {
    return failure(e);
  }
}
