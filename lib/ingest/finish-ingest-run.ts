// How a run ends: COMPLETED (every line's outcome committed) or FAILED (with the reason), each in
// one transaction with its audit event, guarded on the run still being active so a second writer
// (a worker that lost its lease, a reader settling an abandoned run) changes nothing. Either end
// enqueues the case's distillation refresh in the same transaction (lib/distillation/refresh-
// distillation.ts): the analysis is computed ahead by another job, not in this run's time.
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { SYSTEM_CONTEXT } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { enqueueDistillationRefresh } from "@/lib/distillation/refresh-distillation";

export async function completeIngestRun(runId: string, expectedLastLine: number): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.ingestRun.updateMany({
      where: { id: runId, state: "RUNNING", lastLine: expectedLastLine, replacedAt: null },
      data: { state: "COMPLETED", finishedAt: now, error: null },
    });
    if (count === 0) return false;
    const run = await tx.ingestRun.findUniqueOrThrow({
      where: { id: runId },
      select: { caseId: true, evidenceId: true, linesTotal: true, linesOk: true, linesFailed: true, bytesTotal: true, format: true, compressed: true, createdById: true },
    });
    await appendAuditEvent(tx, SYSTEM_CONTEXT, {
      action: "ingest.complete",
      entityType: "IngestRun",
      entityId: runId,
      caseId: run.caseId,
      changes: {
        state: { after: "COMPLETED" },
        evidenceId: run.evidenceId,
        startedById: run.createdById,
        format: run.format,
        compressed: run.compressed,
        bytes: Number(run.bytesTotal),
        linesTotal: run.linesTotal,
        linesOk: run.linesOk,
        linesFailed: run.linesFailed,
      },
    });
    await enqueueDistillationRefresh(tx, run.caseId);
    return true;
  });
}

export async function failIngestRun(runId: string, error: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const now = new Date();
    const message = error.slice(0, 2000);
    const { count } = await tx.ingestRun.updateMany({
      where: { id: runId, state: { in: ["QUEUED", "RUNNING"] } },
      data: { state: "FAILED", finishedAt: now, error: message },
    });
    if (count === 0) return false;
    const run = await tx.ingestRun.findUniqueOrThrow({ where: { id: runId }, select: { caseId: true, evidenceId: true, lastLine: true, linesOk: true, linesFailed: true } });
    await appendAuditEvent(tx, SYSTEM_CONTEXT, {
      action: "ingest.fail",
      entityType: "IngestRun",
      entityId: runId,
      caseId: run.caseId,
      changes: { state: { after: "FAILED" }, evidenceId: run.evidenceId, error: message, lastLine: run.lastLine, linesOk: run.linesOk, linesFailed: run.linesFailed },
    });
    // A run that failed while another ended leaves that one's analysis unstored (distillation-cache.ts).
    await enqueueDistillationRefresh(tx, run.caseId);
    return true;
  });
}
