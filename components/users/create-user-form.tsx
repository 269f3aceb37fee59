"use client";
import { useActionState } from "react";
import { idleState, valueOf, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export function CreateUserForm({ action, roles }: { action: FormAction; roles: { value: string; label: string }[] }) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const v = state.values;
  const e = state.fieldErrors ?? {};
  return (
    <Panel title="Create user" id="create-user">
      <form key={formKey} ref={formRef} action={formAction} noValidate className="space-y-3">
        <FormAlert state={state} />
        <div className="grid gap-3 md:grid-cols-2">
          <Field name="email" label="Email" errors={e.email} idPrefix="new-user">
            {(c) => <input {...c} type="email" autoComplete="off" required defaultValue={valueOf(v, "email")} className={inputClass} />}
          </Field>
          <Field name="name" label="Name" errors={e.name} idPrefix="new-user">
            {(c) => <input {...c} required defaultValue={valueOf(v, "name")} className={inputClass} />}
          </Field>
          <Field name="role" label="Role" errors={e.role} idPrefix="new-user">
            {(c) => (
              <select {...c} defaultValue={valueOf(v, "role", "INVESTIGATOR")} className={inputClass}>
                {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
              </select>
            )}
          </Field>
          <Field name="password" label="Password" errors={e.password} hint="At least 12 characters. Share it with the user securely." idPrefix="new-user">
            {(c) => <input {...c} type="password" autoComplete="new-password" required className={inputClass} />}
          </Field>
        </div>
        <SubmitButton pendingLabel="Creating…">Create user</SubmitButton>
      </form>
    </Panel>
  );
}
