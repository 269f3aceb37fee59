"use client";
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

export function RevokeTokenButton({ action, tokenId, name }: { action: FormAction; tokenId: string; name: string }) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" size="sm" confirm={`Revoke the token “${name}”? Anything using it stops working at once.`}>
        Revoke
      </SubmitButton>
      {!state.ok && state.message && <p role="alert" className="text-xs text-red-700">{state.message}</p>}
    </form>
  );
}
