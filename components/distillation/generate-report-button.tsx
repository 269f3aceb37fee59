"use client";
// "Generate distillation report": runs the server action and, once the evidence item exists,
// links to it (it also appears in the case's evidence list).
import Link from "next/link";
import { useActionState } from "react";
import type { ActionState, FormAction } from "@/components/action-state";
import { idleState } from "@/components/action-state";
import { FormAlert } from "@/components/form-alert";
import { linkClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export type ReportActionState = ActionState & { evidenceId?: string };

export function GenerateReportButton({ caseId, action }: { caseId: string; action: FormAction<ReportActionState> }) {
  const [state, formAction] = useActionState(action, idleState as ReportActionState);
  const { formRef } = useFormFeedback(state);
  return (
    <form ref={formRef} action={formAction} className="flex flex-col items-end gap-2">
      <input type="hidden" name="caseId" value={caseId} />
      <SubmitButton pendingLabel="Generating report…">Generate distillation report</SubmitButton>
      <FormAlert state={state} />
      {state.ok && state.evidenceId && (
        <p role="status" className="text-sm text-slate-700">
          Report saved as evidence:{" "}
          <Link href={`/evidence/${state.evidenceId}`} className={linkClass}>
            open the report
          </Link>
        </p>
      )}
    </form>
  );
}
