"use client";
// Create or edit an account: its facts, emails and attribute rows. Validation happens once, in the
// server action's lib call (the same zod schema as the REST API); errors come back per field and,
// for attributes, per row.
import Link from "next/link";
import { useActionState } from "react";
import { idleState, valueOf, type ActionState, type FormAction } from "@/components/action-state";
import { AttributeRows, type AttributeRow } from "@/components/accounts/attribute-rows";
import { ACCOUNT_STATUS_VALUES, statusLabel } from "@/components/accounts/account-labels";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { buttonClass, inputClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export type AccountFormValues = {
  externalId: string;
  displayName: string;
  emails: string;
  organization: string;
  country: string;
  providerCreatedAt: string;
  status: string;
  riskScore: string;
  attributes: AttributeRow[];
};

type Props = {
  action: FormAction;
  initial: AccountFormValues;
  submitLabel: string;
  cancelHref: string;
  /** Present when editing. */
  account?: { id: string; version: number };
};

/** Attribute rows as submitted (after a failed submit) or as initially given. */
function rowsOf(state: ActionState, initial: AttributeRow[]): AttributeRow[] {
  if (!state.values) return initial;
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const types = list(state.values.attrType);
  const values = list(state.values.attrValue);
  return types.map((type, i) => ({ type, value: values[i] ?? "" }));
}

function rowErrorsOf(state: ActionState): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const [key, messages] of Object.entries(state.fieldErrors ?? {})) {
    const m = /^attributes\.(\d+)$/.exec(key);
    if (m) out[Number(m[1])] = messages;
  }
  return out;
}

export function AccountForm({ action, initial, submitLabel, cancelHref, account }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const v = state.values;
  const errors = state.fieldErrors ?? {};
  const text = (name: keyof Omit<AccountFormValues, "attributes">) => valueOf(v, name, initial[name]);
  return (
    <form key={formKey} ref={formRef} action={formAction} noValidate className="max-w-3xl space-y-4 rounded-md border border-slate-200 bg-white p-6 shadow-sm">
      {account && (
        <>
          <input type="hidden" name="accountId" value={account.id} />
          <input type="hidden" name="version" value={account.version} />
        </>
      )}
      <FormAlert state={state} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="externalId" label="External id" errors={errors.externalId} hint="The provider's account id" idPrefix="account">
          {(c) => <input {...c} defaultValue={text("externalId")} required maxLength={200} className={`${inputClass} font-mono`} />}
        </Field>
        <Field name="displayName" label="Display name" errors={errors.displayName} idPrefix="account">
          {(c) => <input {...c} defaultValue={text("displayName")} maxLength={200} className={inputClass} />}
        </Field>
        <Field name="organization" label="Organization" errors={errors.organization} idPrefix="account">
          {(c) => <input {...c} defaultValue={text("organization")} maxLength={200} className={inputClass} />}
        </Field>
        <Field name="country" label="Country" errors={errors.country} hint="Two-letter code, e.g. US" idPrefix="account">
          {(c) => <input {...c} defaultValue={text("country")} maxLength={2} className={inputClass} />}
        </Field>
        <Field name="status" label="Status" errors={errors.status} idPrefix="account">
          {(c) => (
            <select {...c} defaultValue={text("status")} className={inputClass}>
              {ACCOUNT_STATUS_VALUES.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
            </select>
          )}
        </Field>
        <Field name="riskScore" label="Risk score" errors={errors.riskScore} hint="0 to 100" idPrefix="account">
          {(c) => <input {...c} type="number" min={0} max={100} step={1} defaultValue={text("riskScore")} className={inputClass} />}
        </Field>
        <Field name="providerCreatedAt" label="Created at the provider" errors={errors.providerCreatedAt} idPrefix="account">
          {(c) => <input {...c} type="date" defaultValue={text("providerCreatedAt")} className={inputClass} />}
        </Field>
      </div>
      <Field name="emails" label="Emails" errors={errors.emails} hint="One per line (or separated by commas)" idPrefix="account">
        {(c) => <textarea {...c} rows={3} defaultValue={text("emails")} className={inputClass} />}
      </Field>
      <AttributeRows initial={rowsOf(state, initial.attributes)} rowErrors={rowErrorsOf(state)} listErrors={errors.attributes} />
      <div className="flex items-center gap-2 pt-2">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
        <Link href={cancelHref} className={buttonClass("ghost")}>Cancel</Link>
      </div>
    </form>
  );
}
