// "Generate distillation report": analyse the case's completed ingest runs (lib/distillation), write
// the report (the JSON document inside a readable HTML page, decision 0017) and record it as a
// DISTILLATION_REPORT evidence item through the ordinary evidence path: staged and hashed into the
// blob store, the row with its UPLOAD custody event, and the report's own audit event, in one
// transaction. Refused (409) while the case has no completed run.
import { Readable } from "node:stream";
import type { RequestContext } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { buildReport } from "@/lib/distillation-report/build-report";
import { renderReportHtml } from "@/lib/distillation-report/render-report-html";
import { ZGenerateReportInput } from "@/lib/distillation-report/report-schema";
import { readCaseDistillation } from "@/lib/distillation/distillation-cache";
import { AppError } from "@/lib/errors";
import type { EvidenceView } from "@/lib/evidence/evidence-view";
import { stageEvidenceFile } from "@/lib/evidence/stage-evidence-file";
import { uploadEvidence } from "@/lib/evidence/upload-evidence";
import { parseInput } from "@/lib/validation";

export const NO_COMPLETED_RUN = "This case has no completed ingest run: ingest an API log (evidence page → Ingest) before generating a report";

export async function generateDistillationReport(ctx: RequestContext, caseIdOrNumber: string, input: unknown): Promise<EvidenceView> {
  const { title } = parseInput(ZGenerateReportInput, input);
  const access = await requireCase(db(), ctx.actor, caseIdOrNumber, "addEvidence");
  const completed = await db().ingestRun.count({ where: { caseId: access.id, state: "COMPLETED", replacedAt: null } });
  if (completed === 0) throw new AppError("CONFLICT", NO_COMPLETED_RUN);

  const analysis = await readCaseDistillation(access.id);
  const c = await db().case.findUniqueOrThrow({ where: { id: access.id }, select: { id: true, number: true, title: true } });
  const files = await db().evidence.findMany({ where: { id: { in: analysis.runs.map((r) => r.evidenceId) } }, select: { id: true, originalFilename: true } });
  const generatedAt = new Date();
  const report = buildReport(analysis, {
    generatedAt,
    generatedBy: { id: ctx.actor.id, email: ctx.actor.email },
    case: c,
    fileNames: new Map(files.map((f) => [f.id, f.originalFilename])),
  });
  const stamp = generatedAt.toISOString().slice(0, 16).replace(/[-:]/g, "");
  const staged = await stageEvidenceFile(Readable.from([Buffer.from(renderReportHtml(report), "utf8")]), {
    filename: `distillation-report-${c.number}-${stamp}Z.html`,
    mimeType: "text/html",
  });
  const metadata = {
    kind: "DISTILLATION_REPORT",
    title: title ?? `Distillation report ${c.number} ${generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    description:
      `${report.totals.flagged} of ${report.totals.accounts} accounts flagged (threshold ${report.parameters.threshold}), ${report.clusters.length} cluster(s), ` +
      `from ${report.sources.length} log(s): ${report.sources.slice(0, 20).map((s) => `${s.fileName || s.title} sha256 ${s.sha256}`).join("; ")}${report.sources.length > 20 ? "; …" : ""}. ` +
      `The JSON document (schema ${report.schema} v${report.schemaVersion}) is embedded in the HTML.`,
    source: "Lantern distillation analysis",
    collectedAt: report.generatedAt,
  };
  return uploadEvidence(ctx, c.id, staged, metadata, {
    onRecorded: (tx, evidence) =>
      appendAuditEvent(tx, auditContextOf(ctx), {
        action: "distillation.report.generate",
        entityType: "Evidence",
        entityId: evidence.id,
        caseId: c.id,
        changes: {
          sha256: { after: evidence.sha256 },
          ingestRunIds: { after: report.sources.map((s) => s.ingestRunId) },
          sourceSha256: { after: report.sources.map((s) => s.sha256) },
          threshold: { after: report.parameters.threshold },
          flagged: { after: report.flaggedAccounts.map((a) => a.externalId).slice(0, 200) },
          clusters: { after: report.clusters.length },
        },
      }).then(() => undefined),
  });
}
