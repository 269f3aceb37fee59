// Server-side helpers for server actions: pick form fields, turn expected errors into form state.
import "server-only";
import type { ActionState, FormValues } from "@/components/action-state";
import { isAppError } from "@/lib/errors";
import { formDataToObject } from "@/lib/validation";

/** The named fields of a form as a plain object (repeated keys become arrays); absent fields are left out. */
export function pickFields(form: FormData, keys: readonly string[]): Record<string, unknown> {
  const all = formDataToObject(form);
  return Object.fromEntries(keys.filter((k) => all[k] !== undefined).map((k) => [k, all[k]]));
}

/** The submitted text fields, to echo back after a failure (never secrets: list them in `omit`). */
export function formValues(form: FormData, omit: readonly string[] = []): FormValues {
  const out: FormValues = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION") || omit.includes(key)) continue;
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  return out;
}

/** An expected AppError becomes form state with its safe message and field errors; anything else is rethrown. */
export function failure(e: unknown, values?: FormValues): ActionState {
  if (!isAppError(e)) throw e;
  const raw = (e.details as { fieldErrors?: Record<string, string[]> } | null | undefined)?.fieldErrors;
  let fieldErrors: Record<string, string[]> | undefined;
  if (raw) {
    fieldErrors = {};
    for (const [path, messages] of Object.entries(raw)) {
      // "tags.2" → "tags": errors attach to the form field that holds the list.
      (fieldErrors[path.split(".")[0]] ??= []).push(...messages);
    }
  }
  return { ok: false, message: e.message, fieldErrors, values };
}
