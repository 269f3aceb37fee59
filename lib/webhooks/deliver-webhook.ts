// The webhook.deliver job: POSTs the stored body, signed with a fresh timestamp, and records the
// attempt. 2xx → DELIVERED (the row says so before the job is marked done; a rerun of a delivered
// one sends nothing). Anything else throws, and the job runner retries with backoff; after the last
// attempt the delivery is DEAD until an admin redelivers it. A run killed after the receiver
// answered but before the row was written sends again with the same delivery id (at-least-once;
// receivers drop ids they have processed).
import { db } from "@/lib/db/client";
import { PermanentJobError, type JobContext } from "@/lib/jobs/job-handlers";
import { webhookConfig } from "@/lib/webhooks/webhook-config";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook } from "@/lib/webhooks/webhook-signature";

const TIMEOUT_MS = 10_000;

export async function deliverWebhook(payload: unknown, ctx: JobContext): Promise<void> {
  const deliveryId = (payload as { deliveryId?: unknown })?.deliveryId;
  if (typeof deliveryId !== "string") throw new PermanentJobError("webhook.deliver without a deliveryId");
  const delivery = await db().webhookDelivery.findUnique({ where: { id: deliveryId } });
  if (!delivery) throw new PermanentJobError(`webhook delivery ${deliveryId} does not exist`);
  if (delivery.status === "DELIVERED") return;

  const config = await webhookConfig();
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  if (!config.url || !config.secret) {
    error = "No webhook URL and secret configured (LANTERN_WEBHOOK_URL/LANTERN_WEBHOOK_SECRET or Admin → Webhook)";
  } else {
    try {
      const response = await fetch(config.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Lantern-Webhook/1",
          [SIGNATURE_HEADER]: signWebhook(config.secret, delivery.body, Math.floor(Date.now() / 1000)),
          [DELIVERY_HEADER]: delivery.id,
          [EVENT_HEADER]: delivery.event,
        },
        body: delivery.body,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => {});
      if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
    } catch (e) {
      error = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
    }
  }
  const delivered = error === null;
  const last = ctx.attempt >= ctx.maxAttempts;
  await db().$transaction([
    db().webhookAttempt.create({
      data: { deliveryId, attempt: ctx.attempt, url: config.url ?? "", statusCode, error, durationMs: Date.now() - started },
    }),
    db().webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts: { increment: 1 },
        lastStatusCode: statusCode,
        lastError: error,
        status: delivered ? "DELIVERED" : last ? "DEAD" : "PENDING",
        deliveredAt: delivered ? new Date() : null,
        // The job runner sets the retry's time; the log reads it from the job while it waits.
        nextAttemptAt: null,
      },
    }),
  ]);
  if (!delivered) throw new Error(error!);
}
