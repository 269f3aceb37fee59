// Every job type the app knows, registered with the job runner. Here (above lib/jobs and the
// features that enqueue jobs) so that lib/jobs imports no feature and no feature imports back.
import { registerJobHandler } from "@/lib/jobs/job-handlers";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { WEBHOOK_JOB } from "@/lib/webhooks/enqueue-webhook";

let registered = false;

export function registerAppJobHandlers(): void {
  if (registered) return;
  registered = true;
  // A job that does nothing: the bench measures the runner with it; an admin can enqueue one to check a worker.
  registerJobHandler("noop", async () => {});
  registerJobHandler(WEBHOOK_JOB, deliverWebhook);
}
