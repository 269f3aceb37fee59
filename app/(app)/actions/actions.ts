"use server";
// Server actions of the actions pages and the case page's Actions panel: each checks the session,
// calls one lib function and refreshes; expected errors come back as form state.
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import { createAction } from "@/lib/actions/create-action";
import { statusLabel } from "@/lib/actions/action-status";
import { transitionAction } from "@/lib/actions/transition-action";
import { requireRequestContext } from "@/lib/auth/current-user";

export async function transitionActionAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const a = await transitionAction(ctx, String(form.get("actionId") ?? ""), pickFields(form, ["to", "reason", "externalReference", "outcome", "comment"]));
    refresh();
    return { ok: true, message: `Action moved to ${statusLabel(a.status)}` };
  } catch (e) {
    return failure(e, formValues(form));
  }
}

export async function createActionAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  // Checkbox lists send one value per choice, or none at all: always pass the lists.
  const list = (name: string) => form.getAll(name).filter((v): v is string => typeof v === "string");
  const type = String(form.get("type") ?? "");
  const input =
    type === "ACCESS_REVOCATION"
      ? { ...pickFields(form, ["type", "justification", "scope", "targetOrganization", "dueAt"]), targetAccountIds: list("targetAccountIds"), evidenceIds: list("evidenceIds") }
      : pickFields(form, ["type", "referralBody", "referenceNumber", "classification", "dueAt", "notes", "keepUnrestrictedReason"]);
  try {
    const a = await createAction(ctx, String(form.get("caseId") ?? ""), input);
    refresh();
    return { ok: true, message: a.type === "ACCESS_REVOCATION" ? "Revocation proposed" : "Review drafted" };
  } catch (e) {
    return failure(e, formValues(form));
  }
}
