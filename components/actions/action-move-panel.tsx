"use client";
// The moves this user may make on an action: one form per move, with the field the move needs
// (reason, external reference, outcome), an optional comment, and a confirmation for moves that
// cannot be undone.
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { Field } from "@/components/field";
import { FormAlert } from "@/components/form-alert";
import { inputClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

const VERB: Record<string, string> = {
  APPROVED: "Approve",
  REJECTED: "Reject",
  EXECUTED: "Execute",
  VERIFIED: "Mark verified",
  REVERSED: "Reverse",
  REFERRED: "Mark referred",
  UNDER_REVIEW: "Mark under review",
  INFO_REQUESTED: "Information requested",
  CONCLUDED: "Conclude",
};

const NEEDS: Record<string, { name: string; label: string } | undefined> = {
  REJECTED: { name: "reason", label: "Reason for rejecting" },
  REVERSED: { name: "reason", label: "Reason for reversing" },
  EXECUTED: { name: "externalReference", label: "External reference (e.g. the key-management ticket)" },
  CONCLUDED: { name: "outcome", label: "Outcome" },
};

const CONFIRM: Record<string, string> = {
  REJECTED: "Reject this revocation? This is final.",
  EXECUTED: "Execute this revocation? Every targeted account is set to REVOKED now.",
  VERIFIED: "Mark this revocation verified? This is final.",
  REVERSED: "Reverse this revocation? Each account gets its previous status back; this is final.",
  CONCLUDED: "Conclude this review? This is final.",
};

export function ActionMovePanel({ action, actionId, moves }: { action: FormAction; actionId: string; moves: string[] }) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef, formKey } = useFormFeedback(state);
  return (
    <Panel title="Next step" id="action-moves">
      <FormAlert state={state} className="mb-3" />
      {!moves.length && <p className="text-sm text-slate-600">There is nothing you can do with this action now.</p>}
      <div className="space-y-3" key={formKey}>
        {moves.map((to) => {
          const need = NEEDS[to];
          const submitted = state.values?.to === to;
          return (
            <form key={to} ref={submitted ? formRef : undefined} action={formAction} noValidate className="space-y-2 rounded-md border border-slate-100 p-2">
              <input type="hidden" name="actionId" value={actionId} />
              <input type="hidden" name="to" value={to} />
              {need && (
                <Field name={need.name} label={need.label} errors={submitted ? state.fieldErrors?.[need.name] : undefined} idPrefix={`move-${to}`}>
                  {(c) => <input {...c} className={inputClass} />}
                </Field>
              )}
              <Field name="comment" label="Comment (optional)" idPrefix={`move-${to}`}>
                {(c) => <input {...c} className={inputClass} />}
              </Field>
              <SubmitButton variant={CONFIRM[to] ? "danger" : "primary"} confirm={CONFIRM[to]}>
                {VERB[to] ?? to}
              </SubmitButton>
            </form>
          );
        })}
      </div>
    </Panel>
  );
}
