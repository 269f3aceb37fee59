// Reading ingest runs: one run with a page of its malformed lines (the run page polls it while the
// run is active), and the runs of an evidence item. Reading progress is not audited (like the
// evidence page's metadata); the bytes themselves are read only by the job.
import type { Actor } from "@/lib/access/actor";
import { db } from "@/lib/db/client";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { requireIngestRun } from "@/lib/ingest/ingest-access";
import { MAX_STORED_ERRORS, runSelect, toRunView, type IngestRunDetail, type IngestRunView } from "@/lib/ingest/ingest-run-view";
import { settleAbandonedRuns } from "@/lib/ingest/settle-abandoned-runs";

export type ErrorsPage = { page?: number; pageSize?: number };

export const DEFAULT_ERRORS_PAGE_SIZE = 100;

export async function getIngestRun(actor: Actor, runId: string, paging: ErrorsPage = {}): Promise<IngestRunDetail> {
  const page = Math.max(1, paging.page ?? 1);
  const pageSize = Math.min(MAX_STORED_ERRORS, Math.max(1, paging.pageSize ?? DEFAULT_ERRORS_PAGE_SIZE));
  // Plain reads, no transaction: on SQLite a transaction takes the write lock, and the run page
  // polls this every second while the job is writing.
  const access = await requireIngestRun(db(), actor, runId, "read");
  await settleAbandonedRuns(access.evidenceId);
  const [run, errors, stored] = await Promise.all([
    db().ingestRun.findUniqueOrThrow({ where: { id: runId }, select: runSelect }),
    db().ingestError.findMany({ where: { runId }, orderBy: { line: "asc" }, skip: (page - 1) * pageSize, take: pageSize, select: { line: true, reason: true } }),
    db().ingestError.count({ where: { runId } }),
  ]);
  return { ...toRunView(run), errors, errorsPage: { page, pageSize, stored } };
}

/** The runs of one evidence item, newest first (replaced ones included, marked). */
export async function listIngestRuns(actor: Actor, evidenceId: string): Promise<IngestRunView[]> {
  await requireEvidence(db(), actor, evidenceId, "read");
  await settleAbandonedRuns(evidenceId);
  const runs = await db().ingestRun.findMany({ where: { evidenceId }, orderBy: { createdAt: "desc" }, take: 50, select: runSelect });
  return runs.map(toRunView);
}
