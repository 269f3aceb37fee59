"use server";
// Server actions of the case page. Each calls one lib function; components/form-action.ts checks
// the session and refreshes the page; expected errors come back as form state, anything else goes
// to the error boundary.
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { describeAssignmentChange } from "@/components/cases/assignment-change";
import { defineFormAction } from "@/components/form-action";
import { assignCase } from "@/lib/cases/assign-case";
import { getCase } from "@/lib/cases/get-case";
import { label } from "@/lib/cases/case-status";
import { transitionCase } from "@/lib/cases/transition-case";
import { addNote, setNotePinned } from "@/lib/notes/notes";

const caseKey = (form: FormData) => String(form.get("caseId") ?? "");

export const transitionCaseAction = defineFormAction<ActionState>(async (ctx, form) => {
  const c = await transitionCase(ctx, caseKey(form), pickFields(form, ["to", "resolution", "reason"]));
  return { ok: true, message: c.status === "CLOSED" ? `Case ${c.number} closed` : `Case ${c.number} moved to ${label(c.status)}` };
});

export const assignCaseAction = defineFormAction<ActionState>(async (ctx, form) => {
  // The member picker sends one value per member, or none at all: always pass the list.
  const memberIds = form.getAll("memberIds").filter((v): v is string => typeof v === "string");
  const before = await getCase(ctx.actor, caseKey(form));
  const after = await assignCase(ctx, caseKey(form), { leadId: form.get("leadId") ?? undefined, memberIds });
  return { ok: true, message: describeAssignmentChange(before, after) };
});

export const addNoteAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    await addNote(ctx, caseKey(form), pickFields(form, ["body", "pinned"]));
    return { ok: true, message: "Note added" };
  },
  { echo: true },
);

export const setNotePinnedAction = defineFormAction<ActionState>(async (ctx, form) => {
  const note = await setNotePinned(ctx, String(form.get("noteId") ?? ""), pickFields(form, ["pinned"]));
  return { ok: true, message: note.pinned ? "Note pinned" : "Note unpinned" };
});
