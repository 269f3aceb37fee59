"use client";
// The Actions panel of a case: its actions with due dates and status, the latest moves as a
// timeline, and the forms to propose a revocation (accounts attached to the case, evidence to cite)
// and to refer the case for a national-security review.
import { useActionState, useState, type ReactNode } from "react";
import { idleState, valueOf, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FieldError } from "@/components/field-error";
import { FormAlert } from "@/components/form-alert";
import { buttonClass, checkboxClass, inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Option = { id: string; label: string; hint?: string };

type Props = {
  caseNumber: string;
  list: ReactNode;
  timeline: ReactNode;
  /** Absent when this user may not propose actions on the case. */
  create?: { action: FormAction; accounts: Option[]; evidence: Option[]; caseRestricted: boolean; canKeepUnrestricted: boolean };
};

export function CaseActionsPanel({ caseNumber, list, timeline, create }: Props) {
  const [open, setOpen] = useState<"revocation" | "review" | null>(null);
  return (
    <Panel
      title="Actions"
      id="case-actions"
      actions={
        create && (
          <div className="flex gap-2">
            <button type="button" className={buttonClass("secondary", "sm")} aria-expanded={open === "revocation"} onClick={() => setOpen(open === "revocation" ? null : "revocation")}>
              Propose revocation
            </button>
            <button type="button" className={buttonClass("secondary", "sm")} aria-expanded={open === "review"} onClick={() => setOpen(open === "review" ? null : "review")}>
              Refer for review
            </button>
          </div>
        )
      }
    >
      {create && open === "revocation" && <RevocationForm caseNumber={caseNumber} {...create} />}
      {create && open === "review" && <ReviewForm caseNumber={caseNumber} {...create} />}
      {list}
      <h3 className="mb-2 mt-4 text-xs font-semibold uppercase text-slate-500">Action history</h3>
      {timeline}
    </Panel>
  );
}

function Checklist({ name, legend, options, errors, empty }: { name: string; legend: string; options: Option[]; errors?: string[]; empty: string }) {
  return (
    <fieldset aria-invalid={errors?.length ? true : undefined}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {!options.length && <p className="text-sm text-slate-500">{empty}</p>}
      <div className="mt-1 max-h-48 space-y-1 overflow-y-auto">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={o.id} className={checkboxClass} />
            <span>{o.label}</span>
            {o.hint && <span className="text-xs text-slate-500">{o.hint}</span>}
          </label>
        ))}
      </div>
      <FieldError id={`${name}-error`} errors={errors} />
    </fieldset>
  );
}

function RevocationForm({ caseNumber, action, accounts, evidence }: { caseNumber: string } & NonNullable<Props["create"]>) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const errors = state.fieldErrors ?? {};
  return (
    <form key={formKey} ref={formRef} action={formAction} noValidate aria-label="Propose revocation" className="mb-4 space-y-3 rounded-md border border-slate-200 p-3">
      <FormAlert state={state} />
      <input type="hidden" name="caseId" value={caseNumber} />
      <input type="hidden" name="type" value="ACCESS_REVOCATION" />
      <Checklist name="targetAccountIds" legend="Accounts to revoke" options={accounts} errors={errors.targetAccountIds} empty="No accounts are attached to this case." />
      <Field name="justification" label="Justification" errors={errors.justification} idPrefix="revoke">
        {(c) => <textarea {...c} rows={3} defaultValue={valueOf(state.values, "justification")} className={inputClass} />}
      </Field>
      <Field name="scope" label="Scope (optional)" errors={errors.scope} idPrefix="revoke" hint="e.g. all API keys and the web app">
        {(c) => <input {...c} defaultValue={valueOf(state.values, "scope")} className={inputClass} />}
      </Field>
      <Checklist name="evidenceIds" legend="Evidence to cite" options={evidence} errors={errors.evidenceIds} empty="No evidence on this case yet." />
      <SubmitButton pendingLabel="Proposing…">Propose revocation</SubmitButton>
    </form>
  );
}

function ReviewForm({ caseNumber, action, caseRestricted, canKeepUnrestricted }: { caseNumber: string } & NonNullable<Props["create"]>) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const errors = state.fieldErrors ?? {};
  const v = (name: string) => valueOf(state.values, name);
  return (
    <form key={formKey} ref={formRef} action={formAction} noValidate aria-label="Refer for review" className="mb-4 space-y-3 rounded-md border border-slate-200 p-3">
      <FormAlert state={state} />
      <input type="hidden" name="caseId" value={caseNumber} />
      <input type="hidden" name="type" value="NATIONAL_SECURITY_REVIEW" />
      {!caseRestricted && <p className="text-sm text-amber-800">Referring makes this case restricted: only its members, and admins, will see it.</p>}
      <Field name="referralBody" label="Referral body" errors={errors.referralBody} idPrefix="review">
        {(c) => <input {...c} defaultValue={v("referralBody")} className={inputClass} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="referenceNumber" label="Reference number" errors={errors.referenceNumber} idPrefix="review">
          {(c) => <input {...c} defaultValue={v("referenceNumber")} className={inputClass} />}
        </Field>
        <Field name="classification" label="Classification marking" errors={errors.classification} idPrefix="review">
          {(c) => <input {...c} defaultValue={v("classification")} className={inputClass} />}
        </Field>
      </div>
      <Field name="dueAt" label="Due date" errors={errors.dueAt} idPrefix="review">
        {(c) => <input {...c} type="date" defaultValue={v("dueAt")} className={inputClass} />}
      </Field>
      <Field name="notes" label="Notes" errors={errors.notes} idPrefix="review">
        {(c) => <textarea {...c} rows={2} defaultValue={v("notes")} className={inputClass} />}
      </Field>
      {!caseRestricted && canKeepUnrestricted && (
        <Field name="keepUnrestrictedReason" label="Keep the case unrestricted because (admins; leave empty to restrict it)" errors={errors.keepUnrestrictedReason} idPrefix="review">
          {(c) => <input {...c} defaultValue={v("keepUnrestrictedReason")} className={inputClass} />}
        </Field>
      )}
      <SubmitButton pendingLabel="Saving…">Refer for review</SubmitButton>
    </form>
  );
}
