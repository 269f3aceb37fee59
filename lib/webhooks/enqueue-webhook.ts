// The outbox: a delivery row and its webhook.deliver job, written in the caller's transaction (the
// transition that executed or reversed a revocation), so the event is sent exactly when the change
// commits, and never for a change that rolled back.
import type { Tx } from "@/lib/db/client";
import { newId } from "@/lib/db/bulk-insert";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

export const WEBHOOK_JOB = "webhook.deliver";
/** About 11 hours of retries at the default 10 s base (10 s · 2^0…2^11, capped at an hour). */
export const WEBHOOK_MAX_ATTEMPTS = 12;

export type WebhookEvent = "action.executed" | "action.reversed" | "webhook.test";

export type WebhookBody = { id: string; event: WebhookEvent; createdAt: string; data: unknown };

export async function enqueueWebhook(
  tx: Tx,
  event: WebhookEvent,
  payload: { actionId?: string } & Record<string, unknown>,
): Promise<{ deliveryId: string }> {
  const id = newId();
  const body: WebhookBody = { id, event, createdAt: new Date().toISOString(), data: payload };
  const job = await enqueueJob(tx, { type: WEBHOOK_JOB, payload: { deliveryId: id }, maxAttempts: WEBHOOK_MAX_ATTEMPTS, dedupeKey: `webhook:${id}` });
  await tx.webhookDelivery.create({
    data: { id, event, actionId: payload.actionId ?? null, body: JSON.stringify(body), jobId: job.id, nextAttemptAt: new Date() },
  });
  return { deliveryId: id };
}
