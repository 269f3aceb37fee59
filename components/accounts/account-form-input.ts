// Server-side: the account form's fields as the input lib/accounts expects, and its errors mapped
// back onto the form (attribute errors onto their row, "attributes.N").
import "server-only";
import { failure, formValues, pickFields } from "@/components/action-result";
import type { ActionState } from "@/components/action-state";
import { isAppError } from "@/lib/errors";

const FIELDS = ["externalId", "displayName", "emails", "organization", "country", "providerCreatedAt", "status", "riskScore"] as const;

export type AccountFormInput = { input: Record<string, unknown>; rowOfAttribute: number[] };

/** The form's fields; attribute rows with an empty value are left out (a blank row added by mistake). */
export function accountInputOf(form: FormData, extra: readonly string[] = []): AccountFormInput {
  const types = form.getAll("attrType").map(String);
  const values = form.getAll("attrValue").map(String);
  const rowOfAttribute: number[] = [];
  const attributes: { type: string; value: string }[] = [];
  types.forEach((type, row) => {
    const value = values[row] ?? "";
    if (value.trim() === "") return;
    rowOfAttribute.push(row);
    attributes.push({ type, value });
  });
  return { input: { ...pickFields(form, [...FIELDS, ...extra]), attributes }, rowOfAttribute };
}

/** An expected error as form state, with "attributes.3.value" reported on the form's row of that attribute. */
export function accountFailure(e: unknown, form: FormData, rowOfAttribute: number[]): ActionState {
  const state = failure(e, formValues(form));
  const raw = isAppError(e) ? (e.details as { fieldErrors?: Record<string, string[]> } | null)?.fieldErrors : undefined;
  if (!raw) return state;
  const fieldErrors = { ...state.fieldErrors };
  let perRow = false;
  for (const [path, messages] of Object.entries(raw)) {
    const m = /^attributes\.(\d+)/.exec(path);
    if (!m) continue;
    const row = rowOfAttribute[Number(m[1])];
    if (row === undefined) continue;
    (fieldErrors[`attributes.${row}`] ??= []).push(...messages);
    perRow = true;
  }
  if (perRow && fieldErrors.attributes?.every((msg) => Object.keys(raw).some((k) => k.startsWith("attributes.") && raw[k].includes(msg)))) {
    delete fieldErrors.attributes; // shown on the rows instead
  }
  return { ...state, fieldErrors };
}
