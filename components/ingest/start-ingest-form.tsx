"use client";
// "Ingest" on an API_LOG evidence page; "Re-ingest" when a finished run exists, confirmed first
// because it replaces that run (its rows are deleted). lib/ingest decides who may; this only posts.
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export function StartIngestForm({ action, evidenceId, replaces }: { action: FormAction; evidenceId: string; replaces: { lines: number } | null }) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <SubmitButton
        variant={replaces ? "secondary" : "primary"}
        pendingLabel="Starting…"
        confirm={
          replaces
            ? `Re-ingest this log? The earlier run is replaced: its ${replaces.lines.toLocaleString("en-US")} request rows are deleted and the file is read again.`
            : undefined
        }
      >
        {replaces ? "Re-ingest" : "Ingest"}
      </SubmitButton>
      <FormAlert state={state} />
    </form>
  );
}
