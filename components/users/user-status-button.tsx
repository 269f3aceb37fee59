"use client";
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Props = { action: FormAction; userId: string; email: string; disabled: boolean };

export function UserStatusButton({ action, userId, email, disabled }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <SubmitButton
        variant={disabled ? "secondary" : "danger"}
        size="sm"
        confirm={disabled ? `Enable ${email}? They will be able to sign in again.` : `Disable ${email}? They are signed out and their API tokens stop working.`}
      >
        {disabled ? "Enable" : "Disable"}
      </SubmitButton>
      {!state.ok && state.message && <p role="alert" className="text-xs text-red-700">{state.message}</p>}
    </form>
  );
}
