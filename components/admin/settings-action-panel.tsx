"use client";
// A titled panel holding one settings form of its own: the action's state, its toast and its
// error alert above the fields (children). Sign-in security's two policies and the distillation
// reset use it; forms with field errors to echo (Field, formKey) keep their own body.
import { useActionState, type ReactNode } from "react";
import { idleState, type FormAction } from "@/components/action-state";
import { FormAlert } from "@/components/form-alert";
import { Panel } from "@/components/panel";
import { useFormFeedback } from "@/components/use-form-feedback";

export function SettingsActionPanel({ title, id, action, children }: { title: string; id: string; action: FormAction; children: ReactNode }) {
  const [state, formAction] = useActionState(action, idleState);
  useFormFeedback(state);
  return (
    <Panel title={title} id={id}>
      <form action={formAction} className="space-y-3">
        <FormAlert state={state} />
        {children}
      </form>
    </Panel>
  );
}
