// The report document from an analysis of the case (lib/distillation): the sources it read (each
// log's SHA-256 and ingest run), the parameters and threshold, the flagged accounts with their
// factors and indicators, and the clusters they form.
import type { CaseDistillation } from "@/lib/distillation/compute-case-distillation";
import { REPORT_SCHEMA_ID, REPORT_SCHEMA_VERSION, type DistillationReport } from "@/lib/distillation-report/report-schema";

export const METHOD = "Lantern distillation score (docs/decisions/0016-distillation-score.md); report format docs/decisions/0017-distillation-report-format.md";

type Context = {
  generatedAt: Date;
  generatedBy: { id: string; email: string };
  case: { id: string; number: string; title: string };
  fileNames: Map<string, string>;
};

export function buildReport(analysis: CaseDistillation, ctx: Context): DistillationReport {
  const flagged = analysis.accounts.filter((a) => a.flagged);
  const flaggedIds = new Set(flagged.map((a) => a.accountId));
  const externalIds = new Map(analysis.accounts.map((a) => [a.accountId, a.externalId]));
  return {
    schema: REPORT_SCHEMA_ID,
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: ctx.generatedAt.toISOString(),
    generatedBy: ctx.generatedBy,
    case: ctx.case,
    sources: analysis.runs.map((r) => ({
      ingestRunId: r.id,
      evidenceId: r.evidenceId,
      title: r.evidenceTitle,
      fileName: ctx.fileNames.get(r.evidenceId) ?? "",
      sha256: r.evidenceSha256,
      linesTotal: r.linesTotal,
      linesOk: r.linesOk,
      linesFailed: r.linesFailed,
      finishedAt: r.finishedAt,
    })),
    parameters: {
      threshold: analysis.threshold,
      reasoningPhrases: [...analysis.parameters.reasoningPhrases],
      weights: { ...analysis.parameters.weights },
      minBasis: analysis.parameters.minBasis,
      joinLimits: { ...analysis.parameters.joinLimits },
      method: METHOD,
    },
    totals: { ...analysis.totals },
    flaggedAccounts: flagged.map((a) => ({
      accountId: a.accountId,
      externalId: a.externalId,
      displayName: a.displayName,
      score: a.score,
      ownScore: a.ownScore,
      requests: a.requests,
      clusterId: a.clusterId,
      factors: a.factors.map((f) => ({ ...f })),
      indicators: a.indicators.map((i) => ({ ...i })),
    })),
    clusters: analysis.clusters
      .filter((c) => c.accountIds.some((id) => flaggedIds.has(id)))
      .map((c) => ({
        id: c.id,
        size: c.size,
        score: c.score,
        flaggedMembers: c.flaggedMembers,
        members: c.accountIds.map((id) => ({ accountId: id, externalId: externalIds.get(id) ?? id, flagged: flaggedIds.has(id) })),
        joins: c.joins.map((j) => ({ type: j.type, value: j.value, accountIds: [...j.accountIds] })),
        factors: c.factors.map((f) => ({ ...f })),
      })),
  };
}
