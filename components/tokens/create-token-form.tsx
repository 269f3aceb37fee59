"use client";
// Creates a personal API token and shows it once, in a read-only field with a Copy button.
import { useActionState, useRef, useState } from "react";
import { checkedOf, idleState, valueOf, type ActionState, type FormAction } from "@/components/action-state";
import { CheckboxField, Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { buttonClass, inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export type TokenState = ActionState & { token?: string; name?: string };

function NewToken({ token, name }: { token: string; name?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    ref.current?.select();
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      document.execCommand?.("copy");
      setCopied(true);
    }
  }
  return (
    <div role="status" className="mt-4 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-medium text-amber-900">
        Copy your new token{name ? ` “${name}”` : ""} now. It will not be shown again.
      </p>
      <label htmlFor="new-token" className="block text-sm font-medium text-slate-700">New token</label>
      <div className="flex gap-2">
        <input id="new-token" ref={ref} readOnly value={token} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} mt-0 font-mono`} />
        <button type="button" onClick={copy} className={buttonClass("secondary")}>{copied ? "Copied" : "Copy"}</button>
      </div>
    </div>
  );
}

export function CreateTokenForm({ action }: { action: FormAction<TokenState> }) {
  const [state, formAction] = useActionState(action, idleState as TokenState);
  const { formRef, formKey } = useFormFeedback(state);
  return (
    <Panel title="Create token" id="create-token">
      <form key={formKey} ref={formRef} action={formAction} noValidate className="flex flex-wrap items-start gap-3">
        <Field name="name" label="Token name" errors={state.fieldErrors?.name} hint="What will use it, e.g. detection pipeline." idPrefix="token" className="min-w-0 flex-1 basis-64">
          {(c) => <input {...c} required maxLength={80} defaultValue={valueOf(state.values, "name")} className={inputClass} />}
        </Field>
        <Field name="expiresAt" label="Expires (optional)" errors={state.fieldErrors?.expiresAt} hint="Works through the end of that day (UTC)." idPrefix="token" className="basis-48">
          {(c) => <input {...c} type="date" defaultValue={valueOf(state.values, "expiresAt")} className={inputClass} />}
        </Field>
        <CheckboxField name="readOnly" label="Read only" hint="May only read (GET); refused any change." idPrefix="token" className="mt-6 basis-48"
          defaultChecked={checkedOf(state.values, "readOnly", false)} />
        <SubmitButton className="mt-6" pendingLabel="Creating…">Create token</SubmitButton>
      </form>
      <FormAlert state={state} className="mt-3" />
      {state.ok && state.token && <NewToken key={state.token} token={state.token} name={state.name} />}
    </Panel>
  );
}
