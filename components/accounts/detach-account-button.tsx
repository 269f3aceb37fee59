"use client";
// Detach one account from a case, after a confirmation.
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { useActionWithToast } from "@/components/accounts/use-action-with-toast";
import { FormAlert } from "@/components/form-alert";
import { SubmitButton } from "@/components/submit-button";

type Props = { action: FormAction; caseNumber: string; accountId: string; externalId: string };

export function DetachAccountButton({ action, caseNumber, accountId, externalId }: Props) {
  const [state, formAction] = useActionState(useActionWithToast(action), idleState);
  return (
    <form action={formAction}>
      <input type="hidden" name="caseId" value={caseNumber} />
      <input type="hidden" name="accountId" value={accountId} />
      <SubmitButton variant="ghost" size="sm" pendingLabel="Detaching…" confirm={`Detach ${externalId} from ${caseNumber}? The account stays in the registry.`}>
        Detach<span className="sr-only"> {externalId}</span>
      </SubmitButton>
      <FormAlert state={state} />
    </form>
  );
}
