"use client";
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export function PinNoteButton({ action, noteId, pinned }: { action: FormAction; noteId: string; pinned: boolean }) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="noteId" value={noteId} />
      <input type="hidden" name="pinned" value={pinned ? "false" : "true"} />
      {!state.ok && state.message && <span role="alert" className="text-xs text-red-700">{state.message}</span>}
      <SubmitButton variant="ghost" size="sm">{pinned ? "Unpin note" : "Pin note"}</SubmitButton>
    </form>
  );
}
