"use client";
// The evidence page's forms: verify, edit details, remove (ADMIN). Each posts to a server action;
// lib/ enforces who may do what, these only hide what the user cannot use.
import { useActionState } from "react";
import { idleState, valueOf, type FormAction } from "@/components/action-state";
import { CollectedAtField } from "@/components/evidence/collected-at-field";
import { KIND_OPTIONS } from "@/components/evidence/evidence-kind";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export function VerifyEvidenceForm({ action, evidenceId }: { action: FormAction; evidenceId: string }) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <SubmitButton variant="secondary" pendingLabel="Verifying…">Verify integrity</SubmitButton>
      <FormAlert state={state} />
    </form>
  );
}

type EditInitial = { kind: string; title: string; description: string; source: string; collectedAt: string | null; version: number };

export function EditEvidenceForm({ action, evidenceId, initial }: { action: FormAction; evidenceId: string; initial: EditInitial }) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const errors = state.fieldErrors ?? {};
  return (
    <form key={formKey} ref={formRef} action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <input type="hidden" name="version" value={initial.version} />
      <FormAlert state={state} />
      <Field name="title" label="Title" errors={errors.title} idPrefix="evidence-edit">
        {(c) => <input {...c} required maxLength={200} defaultValue={valueOf(state.values, "title", initial.title)} className={inputClass} />}
      </Field>
      <Field name="kind" label="Kind" errors={errors.kind} hint="Correct it if the upload guessed wrong; the change is recorded." idPrefix="evidence-edit">
        {(c) => (
          <select {...c} defaultValue={valueOf(state.values, "kind", initial.kind)} className={inputClass}>
            {KIND_OPTIONS.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
          </select>
        )}
      </Field>
      <Field name="source" label="Source" errors={errors.source} idPrefix="evidence-edit">
        {(c) => <input {...c} maxLength={500} defaultValue={valueOf(state.values, "source", initial.source)} className={inputClass} />}
      </Field>
      <CollectedAtField id="evidence-edit-collectedAt" name="collectedAt" initialIso={valueOf(state.values, "collectedAt", initial.collectedAt ?? "")} errors={errors.collectedAt} />
      <Field name="description" label="Description" errors={errors.description} idPrefix="evidence-edit">
        {(c) => <textarea {...c} rows={3} maxLength={10_000} defaultValue={valueOf(state.values, "description", initial.description)} className={inputClass} />}
      </Field>
      <p className="text-xs text-slate-500">The content never changes; every edit of these details is recorded with before and after.</p>
      <SubmitButton pendingLabel="Saving…">Save details</SubmitButton>
    </form>
  );
}

export function RemoveEvidenceForm({ action, evidenceId, title }: { action: FormAction; evidenceId: string; title: string }) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  return (
    <form key={formKey} ref={formRef} action={formAction} noValidate className="space-y-3">
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <FormAlert state={state} />
      <Field name="reason" label="Reason for removal" errors={state.fieldErrors?.reason} hint="Kept with the custody history." idPrefix="evidence-remove">
        {(c) => <textarea {...c} rows={2} required minLength={5} maxLength={2000} defaultValue={valueOf(state.values, "reason")} className={inputClass} />}
      </Field>
      <SubmitButton variant="danger" pendingLabel="Removing…" confirm={`Remove "${title}"? Its content will no longer be served. The hash and custody history remain.`}>
        Remove evidence
      </SubmitButton>
    </form>
  );
}
