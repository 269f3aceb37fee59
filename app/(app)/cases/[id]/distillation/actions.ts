"use server";
// Server action of the case's distillation page: generate the report (an evidence item).
import { refresh } from "next/cache";
import { failure, pickFields } from "@/components/action-result";
import type { ReportActionState } from "@/components/distillation/generate-report-button";
import { requireRequestContext } from "@/lib/auth/current-user";
import { generateDistillationReport } from "@/lib/distillation-report/generate-distillation-report";

export async function generateReportAction(_state: ReportActionState, form: FormData): Promise<ReportActionState> {
  const ctx = await requireRequestContext();
  try {
    const evidence = await generateDistillationReport(ctx, String(form.get("caseId") ?? ""), pickFields(form, ["title"]));
    refresh();
    return { ok: true, message: `Report saved as evidence: ${evidence.title}`, evidenceId: evidence.id };
  } catch (e) {
    return failure(e);
  }
}
