"use client";
// The profile page's two forms: the display name, and a new password (the current one is asked first).
import { useActionState } from "react";
import { idleState, valueOf, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export function ProfileNameForm({ action, name }: { action: FormAction; name: string }) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  return (
    <Panel title="Name" id="profile-name">
      <form key={`${formKey}|${name}`} ref={formRef} action={formAction} noValidate className="space-y-3">
        <FormAlert state={state} />
        <Field name="name" label="Your name" errors={state.fieldErrors?.name} hint="Shown on cases, notes and the audit trail." idPrefix="profile">
          {(c) => <input {...c} required maxLength={120} autoComplete="name" defaultValue={valueOf(state.values, "name", name)} className={inputClass} />}
        </Field>
        <SubmitButton pendingLabel="Saving…">Save name</SubmitButton>
      </form>
    </Panel>
  );
}

export function ChangePasswordForm({ action, otherSessions }: { action: FormAction; otherSessions: number }) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef } = useFormFeedback(state);
  const errors = state.fieldErrors ?? {};
  return (
    <Panel title="Password" id="profile-password">
      <form ref={formRef} action={formAction} noValidate className="space-y-3">
        <FormAlert state={state} />
        <Field name="currentPassword" label="Current password" errors={errors.currentPassword} idPrefix="password">
          {(c) => <input {...c} type="password" required autoComplete="current-password" className={inputClass} />}
        </Field>
        <Field name="newPassword" label="New password" errors={errors.newPassword} hint="At least 12 characters." idPrefix="password">
          {(c) => <input {...c} type="password" required minLength={12} autoComplete="new-password" className={inputClass} />}
        </Field>
        <Field name="confirmPassword" label="New password again" errors={errors.confirmPassword} idPrefix="password">
          {(c) => <input {...c} type="password" required autoComplete="new-password" className={inputClass} />}
        </Field>
        <p className="text-xs text-slate-600">
          Changing it signs out your other browsers{otherSessions ? ` (${otherSessions} signed in now)` : ""}; this one stays signed in.
        </p>
        <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      </form>
    </Panel>
  );
}
