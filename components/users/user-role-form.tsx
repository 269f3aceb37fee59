"use client";
import { useActionState } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { inputClass } from "@/components/form-styles";
import { SubmitButton } from "@/components/submit-button";
import { useFormFeedback } from "@/components/use-form-feedback";

type Props = { action: FormAction; userId: string; email: string; role: string; roles: { value: string; label: string }[] };

export function UserRoleForm({ action, userId, email, role, roles }: Props) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  const errorId = `role-${userId}-error`;
  return (
    <form key={role} action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        defaultValue={role}
        aria-label={`Role for ${email}`}
        aria-invalid={!state.ok && state.message ? true : undefined}
        aria-describedby={!state.ok && state.message ? errorId : undefined}
        className={`${inputClass} mt-0 w-auto`}
      >
        {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
      </select>
      <SubmitButton variant="secondary" size="sm">Save role</SubmitButton>
      {!state.ok && state.message && <p id={errorId} role="alert" className="w-full text-xs text-red-700">{state.message}</p>}
    </form>
  );
}
