"use client";
// Status changes: one button per allowed move, and a form that needs a resolution to close.
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

/** button: the button's text when "Move to {label}" is not the right words (e.g. "Reopen case"). */
type Option = { value: string; label: string; button?: string };

type Props = {
  action: FormAction;
  caseNumber: string;
  /** Moves other than closing that this user may make, e.g. [{value: "ACTIVE", label: "Active"}]. */
  moves: Option[];
  canClose: boolean;
  resolutions: Option[];
  /** Shown when there is nothing this user can do (e.g. a closed case and no right to reopen). */
  emptyMessage: string;
};

export function CaseStatusPanel({ action, caseNumber, moves, canClose, resolutions, emptyMessage }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef } = useFormFeedback(state);
  return (
    <Panel title="Status" id="case-status">
      <FormAlert state={state} className="mb-3" />
      {!moves.length && !canClose && <p className="text-sm text-slate-600">{emptyMessage}</p>}
      <div className="flex flex-wrap gap-2">
        {moves.map((m) => (
          <form key={m.value} action={formAction}>
            <input type="hidden" name="caseId" value={caseNumber} />
            <input type="hidden" name="to" value={m.value} />
            <SubmitButton variant="secondary">{m.button ?? `Move to ${m.label}`}</SubmitButton>
          </form>
        ))}
      </div>
      {canClose && (
        <form ref={formRef} action={formAction} noValidate className="mt-4 space-y-2 border-t border-slate-100 pt-3">
          <input type="hidden" name="caseId" value={caseNumber} />
          <input type="hidden" name="to" value="CLOSED" />
          <Field name="resolution" label="Resolution" errors={state.fieldErrors?.resolution} idPrefix="close">
            {(c) => (
              <select {...c} defaultValue="" required className={inputClass}>
                <option value="" disabled>Choose a resolution</option>
                {resolutions.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
              </select>
            )}
          </Field>
          <SubmitButton variant="danger" confirm={`Close case ${caseNumber}? It can only be reopened by a manager or admin.`}>
            Close case
          </SubmitButton>
        </form>
      )}
    </Panel>
  );
}
