"use client";
import Link from "next/link";
import { useActionState } from "react";
import { checkedOf, idleState, valueOf, type FormAction } from "@/components/action-state";
import { CaseFieldsInputs, type CaseFormValues } from "@/components/cases/case-fields-inputs";
import { FormAlert } from "@/components/form-alert";
import { buttonClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

/** restrictedHint: what restricting would do (who loses access), for a case that is not restricted yet. */
type Props = { action: FormAction; caseNumber: string; version: number; initial: CaseFormValues; restrictedHint?: string };

export function CaseEditForm({ action, caseNumber, version, initial, restrictedHint }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const v = state.values;
  const values: CaseFormValues = {
    title: valueOf(v, "title", initial.title),
    summary: valueOf(v, "summary", initial.summary),
    severity: valueOf(v, "severity", initial.severity),
    restricted: checkedOf(v, "restricted", initial.restricted),
    tags: valueOf(v, "tags", initial.tags),
    dueAt: valueOf(v, "dueAt", initial.dueAt),
  };
  return (
    <form key={formKey} ref={formRef} action={formAction} noValidate className="max-w-2xl space-y-4 rounded-md border border-slate-200 bg-white p-6 shadow-sm">
      <input type="hidden" name="caseId" value={caseNumber} />
      <input type="hidden" name="version" value={version} />
      <FormAlert state={state} />
      <CaseFieldsInputs
        values={values}
        errors={state.fieldErrors ?? {}}
        restrictedHint={restrictedHint ?? "Only members of the case and admins can see a restricted case. Lifting a restriction needs a manager or admin."}
      />
      <div className="flex items-center gap-2 pt-2">
        <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
        <Link href={`/cases/${caseNumber}`} className={buttonClass("ghost")}>Cancel</Link>
      </div>
    </form>
  );
}
