// Recording how a run ended, guarded on the lease: only the worker that holds the job writes its
// outcome (one whose lease expired and was re-claimed by another writes nothing).
import type { Backoff } from "@/lib/jobs/backoff";
import { retryDelayMs } from "@/lib/jobs/backoff";
import type { ClaimedJob } from "@/lib/jobs/claim-jobs";
import { db } from "@/lib/db/client";

export type JobOutcome = "SUCCEEDED" | "FAILED" | "DEAD" | "LOST";

export async function finishJob(owner: string, job: ClaimedJob, error: unknown, permanent: boolean, backoff: Backoff): Promise<JobOutcome> {
  const now = new Date();
  const mine = { id: job.id, status: "RUNNING" as const, leaseOwner: owner, attempts: job.attempts };
  const released = { leaseOwner: null, leaseExpiresAt: null };
  let outcome: JobOutcome;
  let data;
  if (error === undefined) {
    outcome = "SUCCEEDED";
    data = { status: outcome, finishedAt: now, lastError: null, ...released };
  } else if (permanent || job.attempts >= job.maxAttempts) {
    outcome = "DEAD";
    data = { status: outcome, finishedAt: now, lastError: describe(error), ...released };
  } else {
    outcome = "FAILED";
    data = { status: outcome, runAt: new Date(now.getTime() + retryDelayMs(job.attempts, backoff)), lastError: describe(error), ...released };
  }
  const { count } = await db().job.updateMany({ where: mine, data });
  return count === 1 ? outcome : "LOST";
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}
