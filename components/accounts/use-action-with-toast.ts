"use client";
// A server action whose success message is toasted as soon as it answers, even when the answer
// (through the page refresh it triggers) removes the form that sent it: the Accept button of a
// suggestion that is no longer one, the Detach button of an account no longer on the case.
import { useCallback } from "react";
import type { ActionState, FormAction } from "@/components/action-state";
import { useToast } from "@/components/toast";

export function useActionWithToast(action: FormAction, after?: (state: ActionState) => void): FormAction {
  const toast = useToast();
  return useCallback(
    async (prev: ActionState, form: FormData) => {
      const state = await action(prev, form);
      if (state.ok && state.message) toast(state.message);
      after?.(state);
      return state;
    },
    [action, after, toast],
  );
}
