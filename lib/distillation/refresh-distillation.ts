// Computing a case's distillation analysis in the background (decision 0016, "Computed ahead"), so
// the first reader after a change does not wait seconds to tens of seconds in the request.
//
// An ingest run ending (COMPLETED or FAILED, lib/ingest/finish-ingest-run.ts) and an admin changing
// the parameters (writeDistillationSettings) enqueue a `distillation.refresh` job for the case in
// the same transaction as the change. There is one job row per case (dedupeKey
// `distillation.refresh:<caseId>`): enqueueing while it is queued or running changes nothing, and
// a finished one is put back on the queue (enqueueOrRearmJob). So no two refreshes of a case run at
// once, and a job survives restarts like any other (its lease expires and it is claimed again).
//
// The job is idempotent: it computes the key as readCaseDistillation does and stops when the cache
// holds it; else it runs readCaseDistillation (the same path the readers take, so the stored key is
// theirs) and looks again, since a run may have completed meanwhile. While an ingest run of the case
// is QUEUED or RUNNING it does nothing: that run's end enqueues the job again, and a result computed
// while it writes rows would not be stored anyway (distillation-cache.ts).
import { z } from "zod";
import type { Actor, RequestContext } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { db, type Tx } from "@/lib/db/client";
import { listCompletedRuns } from "@/lib/distillation/compute-case-distillation";
import { distillationCacheKey, readCaseDistillation } from "@/lib/distillation/distillation-cache";
import { PHRASES_SETTING, resolveDistillationOptions, THRESHOLD_SETTING } from "@/lib/distillation/distillation-settings";
import { enqueueOrRearmJob } from "@/lib/jobs/enqueue-job";
import { PermanentJobError } from "@/lib/jobs/job-handlers";
import { writeSettings } from "@/lib/settings/settings";

export const DISTILLATION_REFRESH_JOB = "distillation.refresh";
const MAX_ATTEMPTS = 5;
/** Rounds of "compute, look again" in one attempt before it counts as failed and is retried later. */
const MAX_ROUNDS = 3;

export function distillationRefreshKey(caseId: string): string {
  return `${DISTILLATION_REFRESH_JOB}:${caseId}`;
}

/** Asks for the case's analysis to be computed ahead, inside the caller's transaction. */
export async function enqueueDistillationRefresh(tx: Tx, caseId: string): Promise<void> {
  await enqueueOrRearmJob(tx, { type: DISTILLATION_REFRESH_JOB, payload: { caseId }, dedupeKey: distillationRefreshKey(caseId), maxAttempts: MAX_ATTEMPTS });
}

/** True when the cache holds the analysis of the case's current runs and parameters; with the number of those runs. */
export async function isDistillationStored(caseId: string): Promise<{ stored: boolean; runs: number }> {
  const options = await resolveDistillationOptions();
  const runs = await listCompletedRuns(caseId);
  const key = distillationCacheKey(runs.map((r) => r.id), options);
  const row = await db().distillationCache.findUnique({ where: { caseId_key: { caseId, key } }, select: { caseId: true } });
  return { stored: row !== null, runs: runs.length };
}

const RefreshPayload = z.object({ caseId: z.string().min(1) });

/** The job's handler. */
export async function refreshCaseDistillation(payload: unknown): Promise<void> {
  const parsed = RefreshPayload.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("A distillation.refresh job needs a caseId");
  const { caseId } = parsed.data;
  if (!(await db().case.findUnique({ where: { id: caseId }, select: { id: true } }))) return;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (await db().ingestRun.findFirst({ where: { caseId, state: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } })) return;
    if ((await isDistillationStored(caseId)).stored) return;
    await readCaseDistillation(caseId);
  }
  throw new Error("The case's ingest runs kept changing while its analysis was computed");
}

export type DistillationRefreshState = {
  /** The cache holds the analysis of the current runs and parameters: reading it is quick. */
  stored: boolean;
  runs: number;
  /** The case's refresh job while it is due or running (FAILED: waiting for its retry), else null. */
  job: { status: "QUEUED" | "RUNNING" | "FAILED"; requestedAt: string } | null;
};

/** For the case page: whether reading the analysis would compute it, and whether a job is at it. requireCase(read) first. */
export async function getDistillationRefreshState(actor: Actor, caseIdOrNumber: string): Promise<DistillationRefreshState> {
  const access = await requireCase(db(), actor, caseIdOrNumber, "read");
  const { stored, runs } = await isDistillationStored(access.id);
  if (stored) return { stored, runs, job: null };
  const job = await db().job.findUnique({ where: { dedupeKey: distillationRefreshKey(access.id) }, select: { status: true, runAt: true } });
  const active = job && (job.status === "QUEUED" || job.status === "RUNNING" || job.status === "FAILED");
  return { stored, runs, job: active ? { status: job.status as "QUEUED" | "RUNNING" | "FAILED", requestedAt: job.runAt.toISOString() } : null };
}

/**
 * Sets (or clears, null) the flag threshold and the reasoning phrases (one per line). Admin only
 * (writeSettings checks), audited as settings.update; every case with a completed run gets its
 * analysis recomputed ahead, enqueued in the same transaction.
 */
export async function writeDistillationSettings(ctx: RequestContext, values: { threshold?: string | null; reasoningPhrases?: string | null }): Promise<void> {
  const changes: Record<string, string | null> = {};
  if (values.threshold !== undefined) changes[THRESHOLD_SETTING] = values.threshold;
  if (values.reasoningPhrases !== undefined) changes[PHRASES_SETTING] = values.reasoningPhrases;
  await writeSettings(ctx, changes, [], async (tx) => {
    const cases = await tx.ingestRun.findMany({ where: { state: "COMPLETED", replacedAt: null }, select: { caseId: true }, distinct: ["caseId"] });
    for (const c of cases) await enqueueDistillationRefresh(tx, c.caseId);
  });
}
