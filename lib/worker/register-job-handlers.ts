// Every job type the app knows, registered with the job runner. Here (above lib/jobs and the
// features that enqueue jobs) so that lib/jobs imports no feature and no feature imports back.
import { registerJobHandler } from "@/lib/jobs/job-handlers";
import { pruneFinishedJobs } from "@/lib/jobs/prune-jobs";
import { INGEST_JOB } from "@/lib/ingest/ingest-run-view";
import { runIngestJob } from "@/lib/ingest/run-ingest-job";
import { publishCheckpoint } from "@/lib/audit/checkpoints";
import { DISTILLATION_REFRESH_JOB, refreshCaseDistillation } from "@/lib/distillation/refresh-distillation";
import { EMAIL_JOB } from "@/lib/notifications/notify";
import { REMINDER_SCAN_JOB, scanReviewReminders } from "@/lib/notifications/review-reminders";
import { sendNotificationEmail } from "@/lib/notifications/send-notification-email";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import { WEBHOOK_JOB } from "@/lib/webhooks/enqueue-webhook";

export const HOUSEKEEPING_JOB = "housekeeping";
/** Signs the audit chain's head (decision 0024); enqueued every LANTERN_AUDIT_CHECKPOINT_MINUTES. */
export const AUDIT_CHECKPOINT_JOB = "audit.checkpoint";

let registered = false;

export function registerAppJobHandlers(): void {
  if (registered) return;
  registered = true;
  // A job that does nothing: the bench measures the runner with it; an admin can enqueue one to check a worker.
  registerJobHandler("noop", async () => {});
  registerJobHandler(WEBHOOK_JOB, deliverWebhook);
  registerJobHandler(INGEST_JOB, (payload, ctx) => runIngestJob(payload, ctx));
  registerJobHandler(EMAIL_JOB, sendNotificationEmail);
  registerJobHandler(DISTILLATION_REFRESH_JOB, refreshCaseDistillation);
  registerJobHandler(REMINDER_SCAN_JOB, async () => {
    await scanReviewReminders();
  });
  registerJobHandler(HOUSEKEEPING_JOB, async () => {
    await pruneFinishedJobs();
  });
  registerJobHandler(AUDIT_CHECKPOINT_JOB, async () => {
    await publishCheckpoint();
  });
}
