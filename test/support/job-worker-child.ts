// A worker process for the job runner's concurrency test: registers a handler that appends the job
// id to a file (one line per run) and runs due jobs until none is left, then prints DONE.
import { appendFileSync } from "node:fs";
import { db } from "@/lib/db/client";
import { registerJobHandler } from "@/lib/jobs/job-handlers";
import { runDueJobs } from "@/lib/jobs/job-worker";

const [logFile, owner] = process.argv.slice(2);
registerJobHandler("test.record", async (_payload, ctx) => {
  appendFileSync(logFile, `${ctx.jobId} ${owner}\n`);
  await new Promise((r) => setTimeout(r, Math.random() * 3));
});
process.stdout.write("READY\n");
// Start together: the test writes GO on stdin once both are ready.
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const ran = await runDueJobs({ owner, concurrency: 4 });
await db().$disconnect();
process.stdout.write(`DONE ${ran}\n`);
