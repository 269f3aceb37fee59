// Starting an ingest of an API_LOG evidence item: who may add evidence to its case may ingest it
// (lib/access; outsiders of a restricted case get 404). Refused (409) for other kinds, removed
// items and while a run of it is QUEUED or RUNNING. A finished earlier run (COMPLETED or FAILED) is
// replaced, never added to: it is marked replacedAt and its rows are deleted, in the same
// transaction that creates the new run, enqueues its job and records the custody read and the
// audit events. The job (run-ingest-job.ts) does the reading.
import type { RequestContext } from "@/lib/access/actor";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { lockNamed } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors";
import { recordCustody } from "@/lib/evidence/custody";
import { requireEvidence } from "@/lib/evidence/evidence-access";
import { INGEST_JOB, ingestJobKey, runSelect, toRunView, type IngestRunView } from "@/lib/ingest/ingest-run-view";
import { settleAbandonedRuns } from "@/lib/ingest/settle-abandoned-runs";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

export const INGEST_MAX_ATTEMPTS = 10;

export async function startIngest(ctx: RequestContext, evidenceId: string): Promise<IngestRunView> {
  await db().$transaction((tx) => requireEvidence(tx, ctx.actor, evidenceId, "addEvidence"));
  await settleAbandonedRuns(evidenceId);
  return db().$transaction(
    async (tx) => {
      const e = await requireEvidence(tx, ctx.actor, evidenceId, "addEvidence");
      const item = await tx.evidence.findUniqueOrThrow({ where: { id: evidenceId }, select: { kind: true } });
      if (item.kind !== "API_LOG") throw new AppError("CONFLICT", `Only API_LOG evidence can be ingested; this item is ${item.kind}`);
      if (e.removedAt) throw new AppError("CONFLICT", "This evidence was removed; it cannot be ingested");
      await lockNamed(tx, `ingest:${evidenceId}`);
      const active = await tx.ingestRun.findFirst({ where: { evidenceId, state: { in: ["QUEUED", "RUNNING"] } }, select: { id: true, state: true } });
      if (active) {
        throw new AppError("CONFLICT", `An ingest run of this evidence is already ${active.state}; wait for it to finish`, { runId: active.id });
      }
      const earlier = await tx.ingestRun.findMany({ where: { evidenceId, replacedAt: null }, select: { id: true, state: true, linesOk: true } });
      const run = await tx.ingestRun.create({
        data: { caseId: e.caseId, evidenceId, state: "QUEUED", bytesTotal: e.sizeBytes, createdById: ctx.actor.id },
        select: runSelect,
      });
      const now = new Date();
      for (const old of earlier) {
        await tx.ingestRun.update({ where: { id: old.id }, data: { replacedAt: now } });
        const { count: rowsDeleted } = await tx.apiRequest.deleteMany({ where: { runId: old.id } });
        await tx.ingestError.deleteMany({ where: { runId: old.id } });
        await appendAuditEvent(tx, auditContextOf(ctx), {
          action: "ingest.replace",
          entityType: "IngestRun",
          entityId: old.id,
          caseId: e.caseId,
          changes: { replacedAt: { after: now.toISOString() }, replacedBy: run.id, state: old.state, rowsDeleted },
        });
      }
      await enqueueJob(tx, { type: INGEST_JOB, payload: { runId: run.id }, dedupeKey: ingestJobKey(run.id), maxAttempts: INGEST_MAX_ATTEMPTS });
      // The job reads the bytes on this user's behalf: that read is on the chain of custody (its
      // audit event, evidence.ingest, is the start of the run).
      await recordCustody(tx, ctx, e, "INGEST", {
        sha256Observed: e.sha256,
        detail: `ingest run ${run.id}${earlier.length ? ` (replaces ${earlier.map((r) => r.id).join(", ")})` : ""}`,
        changes: { ingestRunId: { after: run.id } },
      });
      return toRunView(run);
    },
    { timeout: 120_000 },
  );
}
