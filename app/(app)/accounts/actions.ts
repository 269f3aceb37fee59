"use server";
// Server actions about account links, shared by the account page, the case graph and the cluster
// graph. Each calls one lib function (which checks access and audits); components/form-action.ts
// checks the session, refreshes the page and turns expected errors into form state.
import { failure, formValues, pickFields } from "@/components/action-result";
import type { ActionState } from "@/components/action-state";
import { defineFormAction } from "@/components/form-action";
import { createLink } from "@/lib/links/create-link";
import { decideLink } from "@/lib/links/decide-link";

export const decideLinkAction = defineFormAction<ActionState>(async (ctx, form) => {
  const status = String(form.get("status") ?? "");
  await decideLink(ctx, String(form.get("linkId") ?? ""), { status });
  return { ok: true, message: status === "ACCEPTED" ? "Link accepted" : "Link dismissed", values: { status } };
});

export const createLinkAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    const evidenceIds = form.getAll("evidenceIds").filter((v): v is string => typeof v === "string");
    const input = {
      ...pickFields(form, ["reason", "confidence"]),
      accountIds: [String(form.get("accountId") ?? ""), String(form.get("otherAccountId") ?? "")],
      evidenceIds,
    };
    await createLink(ctx, input);
    return { ok: true, message: "Link created" };
  },
  {
    fail: (e, form) => {
      const state = failure(e, formValues(form));
      if (state.fieldErrors?.accountIds) {
        const { accountIds, ...rest } = state.fieldErrors;
        state.fieldErrors = { ...rest, otherAccountId: accountIds };
      }
      return state;
    },
  },
);
