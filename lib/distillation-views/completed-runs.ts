// The ingest runs a case's analytics stand on (COMPLETED, not replaced), with the log each one
// read and its SHA-256, and what is still missing: logs never ingested or whose run has not ended.
import type { Tx } from "@/lib/db/client";

export type LogSource = {
  runId: string;
  evidenceId: string;
  title: string;
  fileName: string;
  sha256: string;
  linesTotal: number;
  linesOk: number;
  linesFailed: number;
  finishedAt: string | null;
};

/** An API_LOG item without a completed run: `run` is its newest run (null when never ingested). */
export type PendingLog = { evidenceId: string; title: string; run: { id: string; state: string } | null };

export async function listCompletedRuns(client: Tx, caseId: string): Promise<LogSource[]> {
  const runs = await client.ingestRun.findMany({
    where: { caseId, state: "COMPLETED", replacedAt: null },
    select: {
      id: true,
      linesTotal: true,
      linesOk: true,
      linesFailed: true,
      finishedAt: true,
      evidence: { select: { id: true, title: true, originalFilename: true, sha256: true } },
    },
    orderBy: [{ finishedAt: "asc" }, { id: "asc" }],
  });
  return runs.map((r) => ({
    runId: r.id,
    evidenceId: r.evidence.id,
    title: r.evidence.title,
    fileName: r.evidence.originalFilename,
    sha256: r.evidence.sha256,
    linesTotal: r.linesTotal,
    linesOk: r.linesOk,
    linesFailed: r.linesFailed,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  }));
}

export async function listPendingLogs(client: Tx, caseId: string, completedEvidenceIds: Set<string>): Promise<PendingLog[]> {
  const logs = await client.evidence.findMany({
    where: { caseId, kind: "API_LOG", removedAt: null },
    select: { id: true, title: true, ingestRuns: { select: { id: true, state: true }, orderBy: { createdAt: "desc" }, take: 1 } },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  return logs
    .filter((e) => !completedEvidenceIds.has(e.id))
    .map((e) => ({ evidenceId: e.id, title: e.title, run: e.ingestRuns[0] ? { id: e.ingestRuns[0].id, state: e.ingestRuns[0].state } : null }));
}
