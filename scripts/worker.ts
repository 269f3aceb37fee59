// `npm run worker`: a process that only runs background jobs (webhook deliveries, emails,
// reminders), beside or instead of the server's own worker (LANTERN_WORKER_IN_SERVER=false).
// Any number of them can run against one database. SIGINT/SIGTERM let running jobs finish.
import { db } from "@/lib/db/client";
import { startBackgroundWorker } from "@/lib/worker/start-worker";

const worker = startBackgroundWorker();
console.log(`Lantern worker ${worker.owner} running; Ctrl-C to stop.`);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log("Stopping: letting running jobs finish…");
    void worker.stop().then(async () => {
      await db().$disconnect();
      process.exit(0);
    });
  });
}
