// The job runner's throughput: N no-op jobs enqueued, then claimed, run and marked done by one
// worker process (runDueJobs, 8 at a time), next to a bare loop of N single-row updates on the same
// table and database — what the runner costs over the least a queue must do per job (one write).
// benchJobRunner() works on the database the process is configured for; run this file alone
// (`tsx bench/job-runner.ts [N]`) for a fresh SQLite file, or with DATABASE_URL=postgresql://….
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type JobRunnerBench = {
  count: number;
  jobs: { ms: number; perSecond: number };
  bareUpdates: { ms: number; perSecond: number };
};

export async function benchJobRunner({ count = 5_000, concurrency = 8 } = {}): Promise<JobRunnerBench> {
  const { db } = await import("@/lib/db/client");
  const { runDueJobs } = await import("@/lib/jobs/job-worker");
  const { registerAppJobHandlers } = await import("@/lib/worker/register-job-handlers");
  registerAppJobHandlers();
  const rate = (ms: number) => Math.round((count / ms) * 1000);

  // The bare loop: N rows, then N single-row updates one after another.
  await db().job.createMany({ data: Array.from({ length: count }, () => ({ type: "bench.bare" })) });
  const ids = (await db().job.findMany({ where: { type: "bench.bare" }, select: { id: true } })).map((j) => j.id);
  let t = performance.now();
  for (const id of ids) await db().job.update({ where: { id }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
  const bareMs = performance.now() - t;
  await db().job.deleteMany({ where: { type: "bench.bare" } });

  // The runner: N no-op jobs claimed in batches, each run and its outcome written.
  await db().job.createMany({ data: Array.from({ length: count }, () => ({ type: "noop" })) });
  t = performance.now();
  const ran = await runDueJobs({ concurrency });
  const jobsMs = performance.now() - t;
  if (ran !== count) throw new Error(`ran ${ran} of ${count} jobs`);
  await db().job.deleteMany({ where: { type: "noop" } });
  return { count, jobs: { ms: Math.round(jobsMs), perSecond: rate(jobsMs) }, bareUpdates: { ms: Math.round(bareMs), perSecond: rate(bareMs) } };
}

export function formatJobRunnerBench(r: JobRunnerBench, database: string): string {
  return [
    `Job runner (${database}, ${r.count} no-op jobs, one worker, 8 at a time):`,
    `  jobs:                ${r.jobs.ms} ms, ${r.jobs.perSecond} jobs/s`,
    `  bare single-row updates: ${r.bareUpdates.ms} ms, ${r.bareUpdates.perSecond} updates/s`,
    `  ratio: ${(r.jobs.ms / r.bareUpdates.ms).toFixed(2)}× the bare loop's time`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 5_000);
  let database = "PostgreSQL";
  if (!process.env.DATABASE_URL?.startsWith("postgres")) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-jobs-"));
    process.env.LANTERN_DATA_DIR = dir;
    process.env.DATABASE_URL = `file:${path.join(dir, "lantern.db")}`;
    database = "SQLite";
  }
  const { applyPendingMigrations } = await import("@/lib/db/migrations");
  await applyPendingMigrations(process.env.DATABASE_URL!);
  console.log(formatJobRunnerBench(await benchJobRunner({ count }), database));
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
}
