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

/** The text form Prisma writes DateTimes in on SQLite, so raw rows compare and read back alike. */
function sqliteTime(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}
