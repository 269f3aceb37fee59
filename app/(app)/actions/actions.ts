"use server";
// Server actions of the actions pages and the case page's Actions panel: each calls one lib
// function; components/form-action.ts checks the session, refreshes and turns expected errors
// into form state.
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { defineFormAction } from "@/components/form-action";
import { createAction } from "@/lib/actions/create-action";
import { statusLabel } from "@/lib/actions/action-status";
import { transitionAction } from "@/lib/actions/transition-action";

export const transitionActionAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    const a = await transitionAction(ctx, String(form.get("actionId") ?? ""), pickFields(form, ["to", "reason", "externalReference", "outcome", "comment"]));
    return { ok: true, message: `Action moved to ${statusLabel(a.status)}` };
  },
  { echo: true },
);

export const createActionAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    // Checkbox lists send one value per choice, or none at all: always pass the lists.
    const list = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
    const type = String(form.get("type") ?? "");
    const input =
      type === "ACCESS_REVOCATION"
        ? { ...pickFields(form, ["type", "justification", "scope", "targetOrganization", "dueAt"]), targetAccountIds: list("targetAccountIds"), evidenceIds: list("evidenceIds") }
        : pickFields(form, ["type", "referralBody", "referenceNumber", "classification", "dueAt", "notes", "keepUnrestrictedReason"]);
    const a = await createAction(ctx, String(form.get("caseId") ?? ""), input);
    return { ok: true, message: a.type === "ACCESS_REVOCATION" ? "Revocation proposed" : "Review drafted" };
  },
  { echo: true },
);
