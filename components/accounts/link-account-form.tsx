"use client";
// Draw a manual link from this account to another: pick the other account (search-as-you-type),
// give the reason, a confidence from 0 to 1 and the evidence items that support it.
import { useActionState, useState } from "react";
import { idleState, valueOf, type FormAction } from "@/components/action-state";
import { AccountSearchBox, type PickedAccount } from "@/components/accounts/account-search-box";
import { Field } from "@/components/field";
import { FieldError } from "@/components/field-error";
import { FormAlert } from "@/components/form-alert";
import { buttonClass, checkboxClass, inputClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export type EvidenceOption = { id: string; title: string; caseNumber: string };

type Props = { action: FormAction; accountId: string; evidence: EvidenceOption[] };

export function LinkAccountForm({ action, accountId, evidence }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const [other, setOther] = useState<PickedAccount | null>(null);
  const errors = state.fieldErrors ?? {};
  const v = state.values;
  // React resets the form after a successful action; the picked account goes with it (adjusted
  // while rendering, not in an effect).
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state.ok) setOther(null);
  }
  return (
    <details className="mt-4 rounded-md border border-slate-200 p-3" open={!state.ok && !!state.message}>
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Link to another account</summary>
      <form key={formKey} ref={formRef} action={formAction} noValidate className="mt-3 space-y-3">
        <input type="hidden" name="accountId" value={accountId} />
        <input type="hidden" name="otherAccountId" value={other?.id ?? valueOf(v, "otherAccountId")} />
        <FormAlert state={state} />
        {other ? (
          <p className="text-sm">
            Other account: <span className="font-mono text-xs">{other.externalId}</span> {other.displayName}{" "}
            <button type="button" className={buttonClass("ghost", "sm")} onClick={() => setOther(null)}>Change</button>
          </p>
        ) : (
          <AccountSearchBox label="Other account" onPick={setOther} excludeIds={new Set([accountId])} errors={errors.otherAccountId} />
        )}
        <div className="grid gap-3 sm:grid-cols-3">
          <Field name="reason" label="Reason" errors={errors.reason} idPrefix="link" className="sm:col-span-2">
            {(c) => <input {...c} defaultValue={valueOf(v, "reason")} placeholder="e.g. same operator, shared payment" maxLength={500} className={inputClass} />}
          </Field>
          <Field name="confidence" label="Confidence (0 to 1)" errors={errors.confidence} idPrefix="link">
            {(c) => <input {...c} type="number" min={0} max={1} step={0.05} defaultValue={valueOf(v, "confidence", "0.8")} className={inputClass} />}
          </Field>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Evidence cited</legend>
          {evidence.length === 0 ? (
            <p className="text-xs text-slate-500">No evidence on this account&apos;s cases to cite.</p>
          ) : (
            <ul className="mt-1 max-h-40 space-y-1 overflow-auto text-sm">
              {evidence.map((e) => (
                <li key={e.id}>
                  <label className="flex items-center gap-2">
                    <input type="checkbox" name="evidenceIds" value={e.id} className={checkboxClass}
                      defaultChecked={[valueOf(v, "evidenceIds")].join(",").split(",").includes(e.id)} />
                    <span className="font-mono text-xs">{e.caseNumber}</span> {e.title}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <FieldError id="link-evidence-error" errors={errors.evidenceIds} />
        </fieldset>
        <SubmitButton pendingLabel="Linking…">Create link</SubmitButton>
      </form>
    </details>
  );
}
