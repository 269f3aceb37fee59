// Periodic work as jobs: every worker enqueues the review-reminder scan and the housekeeping job
// for the current time slot, with a dedupe key naming the slot, so however many workers and
// restarts there are, each slot runs once.
import { db } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { REMINDER_SCAN_JOB } from "@/lib/notifications/review-reminders";
import { env } from "@/lib/env";
import { AUDIT_CHECKPOINT_JOB, HOUSEKEEPING_JOB } from "@/lib/worker/register-job-handlers";

export const REMINDER_SLOT_MS = 5 * 60_000;
const HOUSEKEEPING_SLOT_MS = 60 * 60_000;

export async function enqueuePeriodicJobs(now = Date.now()): Promise<void> {
  await db().$transaction(async (tx) => {
    await enqueueJob(tx, { type: REMINDER_SCAN_JOB, dedupeKey: `${REMINDER_SCAN_JOB}:${Math.floor(now / REMINDER_SLOT_MS)}`, maxAttempts: 3 });
    await enqueueJob(tx, { type: HOUSEKEEPING_JOB, dedupeKey: `${HOUSEKEEPING_JOB}:${Math.floor(now / HOUSEKEEPING_SLOT_MS)}`, maxAttempts: 3 });
    const checkpointSlotMs = env().LANTERN_AUDIT_CHECKPOINT_MINUTES * 60_000; // 0: never
    if (checkpointSlotMs > 0) await enqueueJob(tx, { type: AUDIT_CHECKPOINT_JOB, dedupeKey: `${AUDIT_CHECKPOINT_JOB}:${Math.floor(now / checkpointSlotMs)}`, maxAttempts: 3 });
  });
}

export function schedulePeriodicJobs(): () => void {
  const tick = () => enqueuePeriodicJobs().catch((e: unknown) => console.error(`[jobs] could not enqueue periodic jobs: ${e instanceof Error ? e.message : String(e)}`));
  void tick();
  const timer = setInterval(tick, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
