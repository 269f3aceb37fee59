"use server";
// Server actions of the case page. Each checks the session, calls one lib function and refreshes
// the page; expected errors come back as form state, anything else goes to the error boundary.
import { refresh } from "next/cache";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { describeAssignmentChange } from "@/components/cases/assignment-change";
import { assignCase } from "@/lib/cases/assign-case";
import { getCase } from "@/lib/cases/get-case";
import { label } from "@/lib/cases/case-status";
import { transitionCase } from "@/lib/cases/transition-case";
import { addNote, setNotePinned } from "@/lib/notes/notes";

const caseKey = (form: FormData) => String(form.get("caseId") ?? "");

export async function transitionCaseAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const c = await transitionCase(ctx, caseKey(form), pickFields(form, ["to", "resolution", "reason"]));
    refresh();
    return { ok: true, message: c.status === "CLOSED" ? `Case ${c.number} closed` : `Case ${c.number} moved to ${label(c.status)}` };
  } catch (e) {
    return failure(e);
  }
}

export async function assignCaseAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  // The member picker sends one value per member, or none at all: always pass the list.
  const memberIds = form.getAll("memberIds").filter((v): v is string => typeof v === "string");
  try {
    const before = await getCase(ctx.actor, caseKey(form));
    const after = await assignCase(ctx, caseKey(form), { leadId: form.get("leadId") ?? undefined, memberIds });
    refresh();
    return { ok: true, message: describeAssignmentChange(before, after) };
  } catch (e) {
    return failure(e);
  }
}

export async function addNoteAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    await addNote(ctx, caseKey(form), pickFields(form, ["body", "pinned"]));
    refresh();
    return { ok: true, message: "Note added" };
  } catch (e) {
    return failure(e, formValues(form));
  }
}

export async function setNotePinnedAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  try {
    const note = await setNotePinned(ctx, String(form.get("noteId") ?? ""), pickFields(form, ["pinned"]));
    refresh();
    return { ok: true, message: note.pinned ? "Note pinned" : "Note unpinned" };
  } catch (e) {
    return failure(e);
  }
}
