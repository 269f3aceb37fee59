"use server";
import type { ActionState } from "@/components/action-state";
import { defineFormAction } from "@/components/form-action";
import { resetDistillationSettings, updateDistillationSettings } from "@/lib/distillation/update-distillation-settings";

export const saveDistillationSettingsAction = defineFormAction<ActionState>(
  async (ctx, form) => {
    await updateDistillationSettings(ctx, { threshold: String(form.get("threshold") ?? ""), phrases: String(form.get("phrases") ?? "") });
    return { ok: true, message: "Distillation settings saved; every case's analysis is being recomputed" };
  },
  { echo: true },
);

export const resetDistillationSettingsAction = defineFormAction<ActionState>(async (ctx) => {
  await resetDistillationSettings(ctx);
  return { ok: true, message: "Distillation settings reset to the defaults; every case's analysis is being recomputed" };
});
