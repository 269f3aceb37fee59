// Claiming due jobs atomically. A job is due when it is QUEUED or FAILED with runAt passed, or
// RUNNING with an expired lease (its worker died). The claim sets RUNNING, the owner and a lease,
// and counts the attempt, in one transaction:
// - PostgreSQL: SELECT … FOR UPDATE SKIP LOCKED, so concurrent claimers (any number of app
//   instances and workers) take disjoint jobs without waiting for each other;
// - SQLite: the transaction holds the write lock from its first statement (BEGIN IMMEDIATE,
//   lib/db/sqlite-adapter.ts), so claims are serialized across processes.
// A job whose lease expired after its last attempt is marked DEAD here rather than run again.
import { db, dbProvider, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/sqlite/client";

export type ClaimedJob = {
  id: string;
  type: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
  leaseExpiresAt: Date;
};

type DueRow = { id: string; status: string; attempts: number; maxAttempts: number };

export async function claimJobs(owner: string, types: string[], limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  if (types.length === 0 || limit < 1) return [];
  return db().$transaction(async (tx) => {
    const now = new Date();
    const due = dbProvider() === "postgresql" ? await dueRowsPg(tx, types, limit, now) : await dueRowsSqlite(tx, types, limit, now);
    const exhausted = due.filter((r) => r.status === "RUNNING" && r.attempts >= r.maxAttempts).map((r) => r.id);
    const claim = due.filter((r) => !exhausted.includes(r.id)).map((r) => r.id);
    if (exhausted.length) {
      await tx.job.updateMany({
        where: { id: { in: exhausted } },
        data: { status: "DEAD", finishedAt: now, leaseOwner: null, leaseExpiresAt: null, lastError: "The worker running its last attempt stopped (lease expired)." },
      });
    }
    if (claim.length === 0) return [];
    const leaseExpiresAt = new Date(now.getTime() + leaseMs);
    await tx.job.updateMany({
      where: { id: { in: claim } },
      data: { status: "RUNNING", leaseOwner: owner, leaseExpiresAt, attempts: { increment: 1 } },
    });
    const rows = await tx.job.findMany({
      where: { id: { in: claim } },
      select: { id: true, type: true, payload: true, attempts: true, maxAttempts: true },
      orderBy: { runAt: "asc" },
    });
    return rows.map((r) => ({ ...r, leaseExpiresAt }));
  });
}

function dueWhere(types: string[], now: Date): Prisma.JobWhereInput {
  return {
    type: { in: types },
    OR: [
      { status: { in: ["QUEUED", "FAILED"] }, runAt: { lte: now } },
      { status: "RUNNING", leaseExpiresAt: { lt: now } },
    ],
  };
}

async function dueRowsSqlite(tx: Tx, types: string[], limit: number, now: Date): Promise<DueRow[]> {
  return tx.job.findMany({
    where: dueWhere(types, now),
    orderBy: { runAt: "asc" },
    take: limit,
    select: { id: true, status: true, attempts: true, maxAttempts: true },
  });
}

async function dueRowsPg(tx: Tx, types: string[], limit: number, now: Date): Promise<DueRow[]> {
  const typeParams = types.map((_, i) => `$${i + 3}`).join(", ");
  return tx.$queryRawUnsafe<DueRow[]>(
    `SELECT "id", "status"::text AS "status", "attempts", "maxAttempts" FROM "Job"
      WHERE "type" IN (${typeParams})
        AND (("status" IN ('QUEUED', 'FAILED') AND "runAt" <= $1::timestamp(3))
          OR ("status" = 'RUNNING' AND "leaseExpiresAt" < $1::timestamp(3)))
      ORDER BY "runAt" LIMIT $2
      FOR UPDATE SKIP LOCKED`,
    now.toISOString(),
    limit,
    ...types,
  );
}

/** Extends a running job's lease while its worker is alive; false when the job is no longer ours. */
export async function extendLease(owner: string, jobId: string, leaseMs: number): Promise<boolean> {
  const { count } = await db().job.updateMany({
    where: { id: jobId, status: "RUNNING", leaseOwner: owner },
    data: { leaseExpiresAt: new Date(Date.now() + leaseMs) },
  });
  return count === 1;
}
