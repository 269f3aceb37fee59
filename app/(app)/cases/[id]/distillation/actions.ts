"use server";
// Server action of the case's distillation page: generate the report (an evidence item).
import { pickFields } from "@/components/action-result";
import type { ReportActionState } from "@/components/distillation/generate-report-button";
import { defineFormAction } from "@/components/form-action";
import { generateDistillationReport } from "@/lib/distillation-report/generate-distillation-report";

export const generateReportAction = defineFormAction<ReportActionState>(async (ctx, form) => {
  const evidence = await generateDistillationReport(ctx, String(form.get("caseId") ?? ""), pickFields(form, ["title"]));
  return { ok: true, message: `Report saved as evidence: ${evidence.title}`, evidenceId: evidence.id };
});
