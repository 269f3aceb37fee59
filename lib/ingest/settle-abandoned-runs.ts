// A run whose job can no longer run (DEAD after its last attempt, e.g. a worker killed on it each
// time, or pruned) would stay QUEUED/RUNNING for ever and block re-ingesting its evidence. Readers
// and the start of a new run settle such runs as FAILED with the job's last error. lib/jobs cannot
// call back into lib/ingest, so this looks from here.
import { db } from "@/lib/db/client";
import { failIngestRun } from "@/lib/ingest/finish-ingest-run";
import { ingestJobKey } from "@/lib/ingest/ingest-run-view";

export async function settleAbandonedRuns(evidenceId: string): Promise<void> {
  const active = await db().ingestRun.findMany({ where: { evidenceId, state: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  for (const run of active) {
    const job = await db().job.findUnique({ where: { dedupeKey: ingestJobKey(run.id) }, select: { status: true, lastError: true } });
    if (job && job.status !== "DEAD") continue;
    await failIngestRun(run.id, `The ingest job stopped for good${job?.lastError ? `: ${job.lastError}` : " (its job is gone)"}`);
  }
}
