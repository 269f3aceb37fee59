"use server";
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { defineFormAction, redirectTo } from "@/components/form-action";
import { updateCase } from "@/lib/cases/update-case";

const FIELDS = ["title", "summary", "severity", "tags", "dueAt", "version"] as const;

export const updateCaseAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    // An unchecked checkbox sends nothing, so "restricted" is always sent explicitly.
    const input = { ...pickFields(form, FIELDS), restricted: form.get("restricted") === "on" };
    const { number } = await updateCase(ctx, String(form.get("caseId") ?? ""), input);
    return redirectTo(`/cases/${number}?toast=${encodeURIComponent(`Case ${number} updated`)}`);
  },
  { echo: true },
);
