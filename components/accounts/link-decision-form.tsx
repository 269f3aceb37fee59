"use client";
// Accept or dismiss one suggested link: two submit buttons of one form, posting to a server action
// that calls the links aggregate's decide function (which checks access and audits the decision).
import { useActionState, useCallback } from "react";
import { idleState, type ActionState, type FormAction } from "@/components/action-state";
import { useActionWithToast } from "@/components/accounts/use-action-with-toast";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";

type Props = {
  action: FormAction;
  linkId: string;
  /** Names the link for screen readers ("acct-1 and acct-2"). */
  subject: string;
  onDecided?: (status: "ACCEPTED" | "DISMISSED") => void;
};

export function LinkDecisionForm({ action, linkId, subject, onDecided }: Props) {
  const after = useCallback(
    (state: ActionState) => {
      const status = state.ok ? state.values?.status : undefined;
      if (status === "ACCEPTED" || status === "DISMISSED") onDecided?.(status);
    },
    [onDecided],
  );
  const [state, formAction] = useActionState(useActionWithToast(action, after), idleState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
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
