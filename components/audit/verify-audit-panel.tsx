"use client";
// "Verify chain": recomputes every hash on the server and says plainly whether the trail is intact.
import { useActionState } from "react";
import type { ActionState, FormAction } from "@/components/action-state";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";

export type VerifyState = ActionState & { intact?: boolean };

export function VerifyAuditPanel({ action }: { action: FormAction<VerifyState> }) {
  const [state, formAction] = useActionState(action, { ok: false } as VerifyState);
  return (
    <div className="mb-4 space-y-3">
      <form action={formAction}>
        <SubmitButton variant="secondary" pendingLabel="Verifying…">Verify chain</SubmitButton>
      </form>
      <FormAlert state={state} />
      {state.ok && state.intact && (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-base font-semibold text-emerald-900">
          {state.message}
        </p>
      )}
      {state.ok && state.intact === false && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-base font-semibold text-red-900">
          {state.message}
        </p>
      )}
    </div>
  );
}
