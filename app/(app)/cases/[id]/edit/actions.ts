"use server";
import { redirect } from "next/navigation";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { updateCase } from "@/lib/cases/update-case";

const FIELDS = ["title", "summary", "severity", "tags", "dueAt", "version"] as const;

export async function updateCaseAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  // An unchecked checkbox sends nothing, so "restricted" is always sent explicitly.
  const input = { ...pickFields(form, FIELDS), restricted: form.get("restricted") === "on" };
  let number: string;
  try {
    ({ number } = await updateCase(ctx, String(form.get("caseId") ?? ""), input));
  } catch (e) {
    return failure(e, formValues(form));
  }
  redirect(`/cases/${number}?toast=${encodeURIComponent(`Case ${number} updated`)}`);
}
