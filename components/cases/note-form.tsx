"use client";
import { useActionState } from "react";
import { checkedOf, idleState, valueOf, type FormAction } from "@/components/action-state";
import { CheckboxField, Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export function NoteForm({ action, caseNumber }: { action: FormAction; caseNumber: string }) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  return (
    <form key={formKey} ref={formRef} action={formAction} noValidate className="space-y-2">
      <input type="hidden" name="caseId" value={caseNumber} />
      <FormAlert state={state} />
      <Field name="body" label="Note" errors={state.fieldErrors?.body} hint="Markdown: **bold**, _italic_, lists, links." idPrefix="note">
        {(c) => <textarea {...c} rows={4} required defaultValue={valueOf(state.values, "body")} className={inputClass} />}
      </Field>
      <div className="flex items-center justify-between gap-4">
        <CheckboxField name="pinned" label="Pin" defaultChecked={checkedOf(state.values, "pinned", false)} idPrefix="note" />
        <SubmitButton pendingLabel="Adding…">Add note</SubmitButton>
      </div>
    </form>
  );
}
