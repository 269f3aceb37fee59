"use client";
// Attach several accounts to a case at once: pick them with search-as-you-type, choose their role,
// attach. The server action attaches them in one transaction (one audit event per account).
import { useActionState, useState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { ROLE_LABELS, CASE_ROLE_VALUES } from "@/components/accounts/account-labels";
import { AccountSearchBox, type PickedAccount } from "@/components/accounts/account-search-box";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { buttonClass, inputClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Props = { action: FormAction; caseNumber: string; attachedIds: string[] };

export function CaseAccountPicker({ action, caseNumber, attachedIds }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef } = useFormFeedback(state);
  const [picked, setPicked] = useState<PickedAccount[]>([]);
  // A new successful answer empties the picked list (adjusted while rendering, not in an effect).
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state.ok) setPicked([]);
  }
  const exclude = new Set([...attachedIds, ...picked.map((p) => p.id)]);
  return (
    <form ref={formRef} action={formAction} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <input type="hidden" name="caseId" value={caseNumber} />
      {picked.map((p) => <input key={p.id} type="hidden" name="accountIds" value={p.id} />)}
      <FormAlert state={state} />
      <AccountSearchBox
        label="Attach accounts"
        hint="Type to search; pick as many as you need, then attach them together."
        onPick={(a) => setPicked((all) => [...all, a])}
        excludeIds={exclude}
        errors={state.fieldErrors?.accounts ?? state.fieldErrors?.accountId}
      />
      {picked.length > 0 && (
        <ul aria-label="Accounts to attach" className="flex flex-wrap gap-2">
          {picked.map((p) => (
            <li key={p.id} className="inline-flex items-center gap-1 rounded-md bg-white px-2 py-1 text-xs ring-1 ring-slate-300">
              <span className="font-mono">{p.externalId}</span>
              {p.displayName && <span className="text-slate-600">{p.displayName}</span>}
              <button type="button" className="ml-1 text-slate-500 hover:text-slate-900" onClick={() => setPicked((all) => all.filter((x) => x.id !== p.id))}>
                ✕<span className="sr-only"> remove {p.externalId} from the accounts to attach</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <Field name="role" label="Role" errors={state.fieldErrors?.role} idPrefix="attach" className="w-40">
          {(c) => (
            <select {...c} defaultValue="SUBJECT" className={inputClass}>
              {CASE_ROLE_VALUES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
          )}
        </Field>
        {picked.length > 0 ? (
          <SubmitButton pendingLabel="Attaching…">Attach {picked.length === 1 ? "1 account" : `${picked.length} accounts`}</SubmitButton>
        ) : (
          <button type="button" disabled className={buttonClass()}>Attach</button>
        )}
      </div>
    </form>
  );
}
