// The result every form's server action returns to useActionState. Client-safe: types and pure helpers only.
export type FormValues = Record<string, string | string[]>;

export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What was submitted, echoed back on failure so the re-rendered form loses nothing. */
  values?: FormValues;
};

export const idleState: ActionState = { ok: false };

/** A submitted value (echoed after a failed submit) or the form's initial value. */
export function valueOf(values: FormValues | undefined, name: string, fallback = ""): string {
  const v = values?.[name];
  if (v === undefined) return fallback;
  return Array.isArray(v) ? v.join(",") : v;
}

/** A checkbox's state: as submitted after a failed submit, otherwise the initial value. */
export function checkedOf(values: FormValues | undefined, name: string, fallback: boolean): boolean {
  return values ? values[name] === "on" || values[name] === "true" : fallback;
}

/** A server action as useActionState calls it. */
export type FormAction<S extends ActionState = ActionState> = (state: S, form: FormData) => Promise<S>;
