// Puts a job on the queue inside the caller's transaction, so it exists exactly when the change
// that asks for it commits (an outbox). With a dedupeKey, enqueueing again is a no-op.
import { dbProvider, type Tx } from "@/lib/db/client";
import { newId } from "@/lib/db/bulk-insert";

export type EnqueueJobInput = {
  type: string;
  payload?: unknown;
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
};

export const DEFAULT_MAX_ATTEMPTS = 10;

export async function enqueueJob(tx: Tx, input: EnqueueJobInput): Promise<{ id: string; created: boolean }> {
  const payload = JSON.stringify(input.payload ?? {});
  const runAt = input.runAt ?? new Date();
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!input.dedupeKey) {
    const job = await tx.job.create({ data: { type: input.type, payload, runAt, maxAttempts }, select: { id: true } });
    return { id: job.id, created: true };
  }
  // INSERT … ON CONFLICT DO NOTHING: two transactions enqueueing the same key at once make one job
  // and neither fails (a unique violation would abort a PostgreSQL transaction).
  const id = newId();
  const now = new Date();
  const created =
    dbProvider() === "postgresql"
      ? await tx.$executeRawUnsafe(
          `INSERT INTO "Job" ("id", "type", "payload", "status", "attempts", "maxAttempts", "runAt", "dedupeKey", "createdAt", "updatedAt")
           VALUES ($1, $2, $3, 'QUEUED', 0, $4, $5::timestamp(3), $6, $7::timestamp(3), $7::timestamp(3)) ON CONFLICT ("dedupeKey") DO NOTHING`,
          id, input.type, payload, maxAttempts, runAt.toISOString(), input.dedupeKey, now.toISOString(),
        )
      : await tx.$executeRawUnsafe(
          `INSERT INTO "Job" ("id", "type", "payload", "status", "attempts", "maxAttempts", "runAt", "dedupeKey", "createdAt", "updatedAt")
           VALUES (?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?, ?) ON CONFLICT ("dedupeKey") DO NOTHING`,
          id, input.type, payload, maxAttempts, sqliteTime(runAt), input.dedupeKey, sqliteTime(now), sqliteTime(now),
        );
  if (created === 1) return { id, created: true };
  const existing = await tx.job.findUniqueOrThrow({ where: { dedupeKey: input.dedupeKey }, select: { id: true } });
  return { id: existing.id, created: false };
}

/**
 * One job per dedupeKey that can be asked for again: inserted when there is none, put back on the
 * queue (QUEUED, attempts 0, due now) when the one there has finished (SUCCEEDED or DEAD), left as
 * it is while QUEUED, FAILED (waiting for its retry) or RUNNING. So at most one job of the key is
 * ever due or running: its handler must do the work as it stands when it runs (and look again at
 * its end for changes made while it ran). Returns true when a job was inserted or re-armed.
 */
export async function enqueueOrRearmJob(tx: Tx, input: EnqueueJobInput & { dedupeKey: string }): Promise<boolean> {
  const payload = JSON.stringify(input.payload ?? {});
  const runAt = input.runAt ?? new Date();
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const now = new Date();
  const rearm = `ON CONFLICT ("dedupeKey") DO UPDATE SET "status" = 'QUEUED', "attempts" = 0, "payload" = excluded."payload",
       "maxAttempts" = excluded."maxAttempts", "runAt" = excluded."runAt", "lastError" = NULL, "finishedAt" = NULL,
       "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = excluded."updatedAt"
     WHERE "Job"."status" IN ('SUCCEEDED', 'DEAD')`;
  const changed =
    dbProvider() === "postgresql"
      ? await tx.$executeRawUnsafe(
          `INSERT INTO "Job" ("id", "type", "payload", "status", "attempts", "maxAttempts", "runAt", "dedupeKey", "createdAt", "updatedAt")
           VALUES ($1, $2, $3, 'QUEUED', 0, $4, $5::timestamp(3), $6, $7::timestamp(3), $7::timestamp(3)) ${rearm}`,
          newId(), input.type, payload, maxAttempts, runAt.toISOString(), input.dedupeKey, now.toISOString(),
        )
      : await tx.$executeRawUnsafe(
          `INSERT INTO "Job" ("id", "type", "payload", "status", "attempts", "maxAttempts", "runAt", "dedupeKey", "createdAt", "updatedAt")
           VALUES (?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?, ?) ${rearm}`,
          newId(), input.type, payload, maxAttempts, sqliteTime(runAt), input.dedupeKey, sqliteTime(now), sqliteTime(now),
        );
  return changed === 1;
}

/** The text form Prisma writes DateTimes in on SQLite, so raw rows compare and read back alike. */
function sqliteTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}
