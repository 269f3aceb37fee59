"use client";
// Accept or dismiss one suggested link: two submit buttons of one form, posting to a server action
// that calls the links aggregate's decide function (which checks access and audits the decision).
import { useActionState, useEffect } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Props = {
  action: FormAction;
  linkId: string;
  /** Names the link for screen readers ("acct-1 and acct-2"). */
  subject: string;
  onDecided?: (status: "ACCEPTED" | "DISMISSED") => void;
};

export function LinkDecisionForm({ action, linkId, subject, onDecided }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  const { formRef } = useFormFeedback(state);
  const decided = state.ok ? (state.values?.status as "ACCEPTED" | "DISMISSED" | undefined) : undefined;
  useEffect(() => {
    if (decided) onDecided?.(decided);
  }, [decided, onDecided]);
  return (
    <form ref={formRef} action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="linkId" value={linkId} />
      <SubmitButton name="status" value="ACCEPTED" size="sm" pendingLabel="Saving…">
        Accept<span className="sr-only"> link between {subject}</span>
      </SubmitButton>
      <SubmitButton name="status" value="DISMISSED" size="sm" variant="secondary" pendingLabel="Saving…">
        Dismiss<span className="sr-only"> link between {subject}</span>
      </SubmitButton>
      <FormAlert state={state} className="w-full" />
    </form>
  );
}
