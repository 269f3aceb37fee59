"use client";
// Lead and members of a case, for managers and admins.
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type User = { id: string; name: string; email: string };
type Props = { action: FormAction; caseNumber: string; users: User[]; leadId: string | null; memberIds: string[] };

export function CaseAssignmentForm({ action, caseNumber, users, leadId, memberIds }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef } = useFormFeedback(state);
  // Re-mount when the saved assignment changes, so the selects show what the server now holds.
  const key = `${leadId}|${memberIds.join(",")}`;
  return (
    <Panel title="Assignment" id="case-assignment">
      <form key={key} ref={formRef} action={formAction} className="space-y-3">
        <input type="hidden" name="caseId" value={caseNumber} />
        <FormAlert state={state} />
        <Field name="leadId" label="Lead" errors={state.fieldErrors?.leadId} idPrefix="assign">
          {(c) => (
            <select {...c} defaultValue={leadId ?? ""} className={inputClass}>
              <option value="">No lead</option>
              {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          )}
        </Field>
        <Field
          name="memberIds"
          label="Members"
          errors={state.fieldErrors?.memberIds}
          hint="Hold Ctrl (⌘ on a Mac) or Shift to select several. The lead is always a member."
          idPrefix="assign"
        >
          {(c) => (
            <select {...c} multiple defaultValue={memberIds} size={Math.min(8, Math.max(3, users.length))} className={inputClass}>
              {users.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
            </select>
          )}
        </Field>
        <SubmitButton variant="secondary">Save assignment</SubmitButton>
      </form>
    </Panel>
  );
}
