// The admin's view of the queue: jobs by status, newest change first, paged on the server.
import type { Actor, RequestContext } from "@/lib/access/actor";
import { assertCan } from "@/lib/access/assert-can";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { JobStatus } from "@/lib/generated/sqlite/enums";

export const JOB_STATUSES = ["QUEUED", "RUNNING", "FAILED", "DEAD", "SUCCEEDED"] as const satisfies readonly JobStatus[];

export type JobView = {
  id: string;
  type: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

export type JobPage = { items: JobView[]; total: number; page: number; pageSize: number; counts: Record<JobStatus, number> };

const MESSAGE = "Only an admin can see and retry background jobs";

export async function listJobs(actor: Actor, query: { status?: JobStatus; page?: number; pageSize?: number }): Promise<JobPage> {
  assertCan(actor, "users:manage", MESSAGE);
  const status = query.status && (JOB_STATUSES as readonly string[]).includes(query.status) ? query.status : undefined;
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
  const page = Math.max(query.page ?? 1, 1);
  const where = status ? { status } : {};
  const [items, total, grouped] = await Promise.all([
    db().job.findMany({
      where,
      orderBy: status === "QUEUED" || status === "FAILED" ? [{ runAt: "asc" }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      omit: { payload: true },
    }),
    db().job.count({ where }),
    db().job.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const g of grouped) counts[g.status] = g._count._all;
  return { items, total, page, pageSize, counts };
}

/** Runs a DEAD or FAILED job again now, with a fresh set of attempts. Audited. */
export async function retryJob(ctx: RequestContext, jobId: string): Promise<void> {
  assertCan(ctx.actor, "users:manage", MESSAGE);
  await db().$transaction(async (tx) => {
    const job = await tx.job.findUnique({ where: { id: jobId }, select: { status: true, type: true } });
    if (!job) throw notFound("Job not found");
    const { count } = await tx.job.updateMany({
      where: { id: jobId, status: { in: ["DEAD", "FAILED"] } },
      data: { status: "QUEUED", attempts: 0, runAt: new Date(), finishedAt: null },
    });
    if (count !== 1) throw new AppError("CONFLICT", `Only a dead or failed job can be retried; this one is ${job.status.toLowerCase()}.`);
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "job.retry",
      entityType: "Job",
      entityId: jobId,
      changes: { status: { before: job.status, after: "QUEUED" }, type: { after: job.type } },
    });
  });
}
