// Starts this process's background worker: registers every handler and runs the job loop. The
// server calls it from instrumentation.ts (unless LANTERN_WORKER_IN_SERVER=false); `npm run worker`
// calls it from scripts/worker.ts.
import { env } from "@/lib/env";
import { startJobWorker, type JobWorker } from "@/lib/jobs/job-worker";
import { registerAppJobHandlers } from "@/lib/worker/register-job-handlers";
import { schedulePeriodicJobs } from "@/lib/worker/schedule-periodic-jobs";

const holder = globalThis as unknown as { lanternWorker?: JobWorker };

export function startBackgroundWorker(): JobWorker {
  registerAppJobHandlers();
  const e = env();
  if (!holder.lanternWorker) schedulePeriodicJobs();
  holder.lanternWorker ??= startJobWorker({
    concurrency: e.LANTERN_WORKER_CONCURRENCY,
    leaseMs: e.LANTERN_JOB_LEASE_SECONDS * 1000,
    backoff: { baseMs: e.LANTERN_JOB_RETRY_BASE_SECONDS * 1000, capMs: 60 * 60_000 },
  });
  return holder.lanternWorker;
}

/** The server's part: a worker unless the operator runs them as separate processes. */
export function startServerWorker(): void {
  if (!env().LANTERN_WORKER_IN_SERVER) return;
  const worker = startBackgroundWorker();
  console.log(`[jobs] worker ${worker.owner} started in the server (LANTERN_WORKER_IN_SERVER=false to run them apart)`);
}
