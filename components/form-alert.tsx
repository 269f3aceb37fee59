import type { ActionState } from "@/components/action-state";

/** The error message of a failed action, announced to screen readers. */
export function FormAlert({ state, className }: { state: ActionState; className?: string }) {
  if (state.ok || !state.message) return null;
  return (
    <p role="alert" className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className ?? ""}`}>
      {state.message}
    </p>
  );
}
