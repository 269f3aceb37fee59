"use server";
import type { ActionState } from "@/components/action-state";
import { pickFields } from "@/components/action-result";
import { defineFormAction, redirectTo } from "@/components/form-action";
import { createCase } from "@/lib/cases/create-case";

const FIELDS = ["title", "summary", "severity", "restricted", "tags", "dueAt", "leadId"] as const;

export const createCaseAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    const { number } = await createCase(ctx, pickFields(form, FIELDS));
    return redirectTo(`/cases/${number}?toast=${encodeURIComponent(`Case ${number} opened`)}`);
  },
  { echo: true },
);
