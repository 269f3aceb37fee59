"use client";
import Link from "next/link";
import { useActionState, type FormEvent } from "react";
import { checkedOf, idleState, valueOf, type FormAction } from "@/components/action-state";
import { CaseFieldsInputs } from "@/components/cases/case-fields-inputs";
import { isPastDueDate, pastDueDateQuestion } from "@/components/cases/due-date";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { buttonClass, inputClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Props = { action: FormAction; users: { id: string; name: string }[]; meId: string };

export function CaseCreateForm({ action, users, meId }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const values = {
    title: valueOf(v, "title"),
    summary: valueOf(v, "summary"),
    severity: valueOf(v, "severity", "MEDIUM"),
    restricted: checkedOf(v, "restricted", false),
    tags: valueOf(v, "tags"),
    dueAt: valueOf(v, "dueAt"),
  };
  // A due date that has already passed is usually a slip of the year or month: ask before opening.
  function confirmPastDueDate(event: FormEvent<HTMLFormElement>) {
    const due = new FormData(event.currentTarget).get("dueAt");
    if (typeof due === "string" && isPastDueDate(due) && !window.confirm(pastDueDateQuestion(due))) event.preventDefault();
  }
  return (
    <form key={formKey} ref={formRef} action={formAction} onSubmit={confirmPastDueDate} noValidate className="max-w-2xl space-y-4 rounded-md border border-slate-200 bg-white p-6 shadow-sm">
      <FormAlert state={state} />
      <CaseFieldsInputs values={values} errors={errors} />
      <Field name="leadId" label="Lead" errors={errors.leadId} idPrefix="case">
        {(c) => (
          <select {...c} defaultValue={valueOf(v, "leadId", meId)} className={inputClass}>
            {users.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        )}
      </Field>
      <div className="flex items-center gap-2 pt-2">
        <SubmitButton pendingLabel="Opening…">Open case</SubmitButton>
        <Link href="/cases" className={buttonClass("ghost")}>Cancel</Link>
      </div>
    </form>
  );
}
