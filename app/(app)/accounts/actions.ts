"use server";
// Server actions about account links, shared by the account page, the case graph and the cluster
// graph. Each checks the session, calls one lib function (which checks access and audits) and
// refreshes the page.
import { refresh } from "next/cache";
import { failure, formValues, pickFields } from "@/components/action-result";
import type { ActionState } from "@/components/action-state";
import { requireRequestContext } from "@/lib/auth/current-user";
import { createLink } from "@/lib/links/create-link";
import { decideLink } from "@/lib/links/decide-link";

export async function decideLinkAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  const status = String(form.get("status") ?? "");
  try {
    await decideLink(ctx, String(form.get("linkId") ?? ""), { status });
    refresh();
    return { ok: true, message: status === "ACCEPTED" ? "Link accepted" : "Link dismissed", values: { status } };
  } catch (e) {
    return failure(e);
  }
}

export async function createLinkAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  const evidenceIds = form.getAll("evidenceIds").filter((v): v is string => typeof v === "string");
  const input = {
    ...pickFields(form, ["reason", "confidence"]),
    accountIds: [String(form.get("accountId") ?? ""), String(form.get("otherAccountId") ?? "")],
    evidenceIds,
  };
  try {
    await createLink(ctx, input);
    refresh();
    return { ok: true, message: "Link created" };
  } catch (e) {
    const state = failure(e, formValues(form));
    if (state.fieldErrors?.accountIds) {
      const { accountIds, ...rest } = state.fieldErrors;
      state.fieldErrors = { ...rest, otherAccountId: accountIds };
    }
    return state;
  }
}
