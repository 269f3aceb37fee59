// The delivery log (per action, or the latest for the admin page) and manual redelivery.
import type { Actor, RequestContext } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { can } from "@/lib/access/permissions";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { WebhookDeliveryStatus } from "@/lib/generated/sqlite/enums";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { WEBHOOK_JOB, WEBHOOK_MAX_ATTEMPTS, enqueueWebhook } from "@/lib/webhooks/enqueue-webhook";

export type WebhookAttemptView = { attempt: number; at: Date; url: string; statusCode: number | null; error: string | null; durationMs: number };

export type WebhookDeliveryView = {
  id: string;
  event: string;
  actionId: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** When the next try is due (null when delivered, dead, or running now). */
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
  log: WebhookAttemptView[];
};

const select = {
  id: true,
  event: true,
  actionId: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  deliveredAt: true,
  createdAt: true,
  jobId: true,
  log: { orderBy: { at: "asc" }, select: { attempt: true, at: true, url: true, statusCode: true, error: true, durationMs: true } },
} as const;

type Row = Awaited<ReturnType<typeof loadRows>>[number];

function loadRows(where: { actionId?: string }, take: number) {
  return db().webhookDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select });
}

async function toViews(rows: Row[]): Promise<WebhookDeliveryView[]> {
  const jobIds = rows.flatMap((r) => (r.jobId && r.status === "PENDING" ? [r.jobId] : []));
  const jobs = await db().job.findMany({ where: { id: { in: jobIds } }, select: { id: true, status: true, runAt: true } });
  const due = new Map(jobs.filter((j) => j.status === "QUEUED" || j.status === "FAILED").map((j) => [j.id, j.runAt]));
  return rows.map(({ jobId, ...r }) => ({ ...r, nextAttemptAt: (jobId ? due.get(jobId) : undefined) ?? null }));
}

/**
 * The deliveries of one action, newest first, with every attempt. Managers and admins only; the
 * caller (lib/actions) checks the action's case first, so an outsider gets its 404 before this.
 */
export async function listWebhookDeliveries(actor: Actor, actionId: string): Promise<WebhookDeliveryView[]> {
  if (!can(actor.role, "action:execute") && !can(actor.role, "users:manage")) return [];
  return toViews(await loadRows({ actionId }, 100));
}

/** The latest deliveries of every kind, for Admin → Webhook. */
export async function listRecentWebhookDeliveries(actor: Actor, take = 50): Promise<WebhookDeliveryView[]> {
  assertCan(actor, "users:manage", "Only an admin can see the webhook log");
  return toViews(await loadRows({}, take));
}

/** Sends a delivery again (same delivery id, so a receiver that processed it drops it). Audited. */
export async function redeliverWebhook(ctx: RequestContext, deliveryId: string): Promise<void> {
  assertCan(ctx.actor, "users:manage", "Only an admin can redeliver webhooks");
  await db().$transaction(async (tx) => {
    const d = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { status: true, jobId: true, actionId: true } });
    if (!d) throw notFound("Delivery not found");
    if (d.status === "PENDING") throw new AppError("CONFLICT", "This delivery is still being tried; wait for it to succeed or give up.");
    const job = await enqueueJob(tx, { type: WEBHOOK_JOB, payload: { deliveryId }, maxAttempts: WEBHOOK_MAX_ATTEMPTS });
    await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "PENDING", jobId: job.id, deliveredAt: null } });
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "webhook.redeliver",
      entityType: "WebhookDelivery",
      entityId: deliveryId,
      changes: { status: { before: d.status, after: "PENDING" }, actionId: { after: d.actionId } },
    });
  });
}

/** Admin → Webhook → "Send a test event". Audited. */
export async function sendTestWebhook(ctx: RequestContext): Promise<{ deliveryId: string }> {
  assertCan(ctx.actor, "users:manage", "Only an admin can send a test webhook");
  return db().$transaction(async (tx) => {
    const out = await enqueueWebhook(tx, "webhook.test", { message: "A test event from Lantern", by: ctx.actor.email });
    await appendAuditEvent(tx, auditContextOf(ctx), { action: "webhook.test", entityType: "WebhookDelivery", entityId: out.deliveryId });
    return out;
  });
}
