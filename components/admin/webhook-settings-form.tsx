"use client";
import { useActionState } from "react";
import { idleState, valueOf, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Props = {
  action: FormAction;
  url: string;
  urlFromEnv: boolean;
  secretSet: boolean;
  secretFromEnv: boolean;
};

export function WebhookSettingsForm({ action, url, urlFromEnv, secretSet, secretFromEnv }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  const e = state.fieldErrors ?? {};
  return (
    <Panel title="Where deliveries go" id="webhook-settings">
      <form key={formKey} ref={formRef} action={formAction} noValidate className="space-y-3">
        <FormAlert state={state} />
        <Field name="url" label="URL" errors={e.url} idPrefix="webhook" hint={urlFromEnv ? "Set by LANTERN_WEBHOOK_URL, which wins over this field." : "Executed and reversed revocations are POSTed here. Empty: none."}>
          {(c) => <input {...c} type="url" defaultValue={valueOf(state.values, "url", url)} disabled={urlFromEnv} className={inputClass} placeholder="https://kms.example.org/lantern" />}
        </Field>
        <Field
          name="secret"
          label="Signing secret"
          errors={e.secret}
          idPrefix="webhook"
          hint={secretFromEnv ? "Set by LANTERN_WEBHOOK_SECRET, which wins over this field." : secretSet ? "A secret is saved (never shown). Leave empty to keep it." : "At least 16 characters, shared with the receiver."}
        >
          {(c) => <input {...c} type="password" autoComplete="new-password" disabled={secretFromEnv} className={inputClass} />}
        </Field>
        {secretSet && !secretFromEnv && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="clearSecret" /> Remove the saved secret
          </label>
        )}
        <SubmitButton pendingLabel="Saving…">Save</SubmitButton>
      </form>
    </Panel>
  );
}
