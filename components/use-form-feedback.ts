"use client";
// After a server action answers: toast its success message, focus the first invalid field, and give
// the form a key that changes with the echoed values, so React's post-submit reset restores them.
import { useEffect, useRef } from "react";
import type { ActionState } from "@/components/action-state";
import { useToast } from "@/components/toast";

export function useFormFeedback(state: ActionState) {
  const formRef = useRef<HTMLFormElement>(null);
  const toast = useToast();
  useEffect(() => {
    if (state.ok && state.message) toast(state.message);
    if (!state.ok && state.fieldErrors && Object.keys(state.fieldErrors).length) {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }, [state, toast]);
  return { formRef, formKey: JSON.stringify(state.values ?? null) };
}
