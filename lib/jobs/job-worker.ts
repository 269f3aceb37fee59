// The worker loop: claims as many due jobs as it has free slots, runs each through its handler,
// keeps their leases alive while they run, and records the outcome. Runs inside the server
// (instrumentation.ts, unless LANTERN_WORKER_IN_SERVER=false) and in `npm run worker` processes.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { DEFAULT_BACKOFF, type Backoff } from "@/lib/jobs/backoff";
import { claimJobs, extendLease, type ClaimedJob } from "@/lib/jobs/claim-jobs";
import { finishJob, type JobOutcome } from "@/lib/jobs/finish-job";
import { jobHandler, PermanentJobError, registeredJobTypes } from "@/lib/jobs/job-handlers";

export type WorkerOptions = {
  owner?: string;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  backoff?: Backoff;
  /** Called after each run (tests, logs). */
  onFinish?: (job: ClaimedJob, outcome: JobOutcome, error?: unknown) => void;
};

export type JobWorker = { owner: string; stop(): Promise<void>; wake(): void };

export const DEFAULT_LEASE_MS = 60_000;

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function startJobWorker(options: WorkerOptions = {}): JobWorker {
  const owner = options.owner ?? workerId();
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 1_000;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const running = new Set<Promise<void>>();
  let stopped = false;
  let wakeUp: () => void = () => {};

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      const free = concurrency - running.size;
      let claimed: ClaimedJob[] = [];
      if (free > 0) {
        try {
          claimed = await claimJobs(owner, registeredJobTypes(), free, leaseMs);
        } catch (e) {
          console.error(`[jobs] claim failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      for (const job of claimed) {
        const run: Promise<void> = runJob(owner, job, leaseMs, backoff, options.onFinish).finally(() => {
          running.delete(run);
          wakeUp();
        });
        running.add(run);
      }
      if (claimed.length === free && free > 0) continue; // there may be more due right now
      if (!stopped) await sleep(pollMs);
    }
  })();

  return {
    owner,
    wake: () => wakeUp(),
    async stop() {
      stopped = true;
      wakeUp();
      await loop;
      await Promise.allSettled([...running]);
    },
  };
}

/** Claims and runs due jobs until none is due (tests and the CLI's `--once`); returns how many ran. */
export async function runDueJobs(options: Omit<WorkerOptions, "pollMs"> = {}): Promise<number> {
  const owner = options.owner ?? workerId();
  let ran = 0;
  for (;;) {
    const claimed = await claimJobs(owner, registeredJobTypes(), options.concurrency ?? 4, options.leaseMs ?? DEFAULT_LEASE_MS);
    if (claimed.length === 0) return ran;
    await Promise.all(claimed.map((job) => runJob(owner, job, options.leaseMs ?? DEFAULT_LEASE_MS, options.backoff ?? DEFAULT_BACKOFF, options.onFinish)));
    ran += claimed.length;
  }
}

async function runJob(owner: string, job: ClaimedJob, leaseMs: number, backoff: Backoff, onFinish: WorkerOptions["onFinish"]): Promise<void> {
  const heartbeat = setInterval(() => {
    extendLease(owner, job.id, leaseMs).catch(() => {});
  }, Math.max(50, Math.floor(leaseMs / 3)));
  let error: unknown;
  try {
    const handler = jobHandler(job.type);
    if (!handler) throw new PermanentJobError(`No handler for job type ${job.type}`);
    await handler(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts, maxAttempts: job.maxAttempts });
  } catch (e) {
    error = e ?? new Error("failed");
  } finally {
    clearInterval(heartbeat);
  }
  let outcome: JobOutcome;
  try {
    outcome = await finishJob(owner, job, error, error instanceof PermanentJobError, backoff);
  } catch (e) {
    console.error(`[jobs] could not record the end of job ${job.id}: ${e instanceof Error ? e.message : String(e)}`);
    return; // its lease expires and it runs again
  }
  if (outcome !== "SUCCEEDED") console.warn(`[jobs] ${job.type} ${job.id} attempt ${job.attempts}/${job.maxAttempts}: ${outcome}${error ? ` (${error instanceof Error ? error.message : String(error)})` : ""}`);
  onFinish?.(job, outcome, error);
}
