"use server";
import { redirect } from "next/navigation";
import type { ActionState } from "@/components/action-state";
import { failure, formValues, pickFields } from "@/components/action-result";
import { requireRequestContext } from "@/lib/auth/current-user";
import { createCase } from "@/lib/cases/create-case";

const FIELDS = ["title", "summary", "severity", "restricted", "tags", "dueAt", "leadId"] as const;

export async function createCaseAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireRequestContext();
  let number: string;
  try {
    ({ number } = await createCase(ctx, pickFields(form, FIELDS)));
  } catch (e) {
    return failure(e, formValues(form));
  }
  redirect(`/cases/${number}?toast=${encodeURIComponent(`Case ${number} opened`)}`);
}
