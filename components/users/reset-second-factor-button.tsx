"use client";
// Admin → Users: reset a user's second factor (lost device and recovery codes), after a confirmation.
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Props = { action: FormAction; userId: string; email: string; enrolled: boolean };

/** Rendered for every other user's row, also without a second factor (then nothing shows): it stays
 *  mounted when a reset turns the factor off, so its success toast still appears. */
export function ResetSecondFactorButton({ action, userId, email, enrolled }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  if (!enrolled) return null;
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton
        variant="secondary"
        size="sm"
        confirm={`Reset the second factor of ${email}? Their authenticator codes and recovery codes stop working, they are signed out, and they set up a second factor again at their next sign-in. Do this only once you are sure who is asking.`}
      >
        Reset
      </SubmitButton>
      {!state.ok && state.message && <p role="alert" className="text-xs text-red-700">{state.message}</p>}
    </form>
  );
}
