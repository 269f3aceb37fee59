// A full disk is not a bug: the operator must free space. Recognises it in whatever form it
// arrives (a file system errno, SQLite's SQLITE_FULL, PostgreSQL's disk_full, through Prisma's
// driver-adapter errors) so the API can answer 507 with a message an operator understands.
import { AppError } from "@/lib/errors";

// ENOSPC: no space left on device; EDQUOT: disk quota exceeded; SQLITE_FULL: the database or its
// disk is full; 53100: PostgreSQL's disk_full (SQLSTATE class 53: insufficient resources).
const FULL_CODES = new Set(["ENOSPC", "EDQUOT", "SQLITE_FULL", "53100"]);

/** The code that says the storage is full, looking through wrapped causes; undefined otherwise. */
export function storageFullCode(e: unknown): string | undefined {
  return findErrorCode(e, FULL_CODES);
}

// P1008: Prisma's "operation timed out" (SQLite's write lock not had within its wait, decision
// 0009); P2028: a transaction not started within maxWait; P2034: a write conflict or deadlock
// (PostgreSQL); SQLITE_BUSY / SQLITE_LOCKED as the driver reports them.
const BUSY_CODES = new Set(["P1008", "P2028", "P2034", "SQLITE_BUSY", "SQLITE_LOCKED", "40001", "40P01"]);

/** The code that says the database was too busy to take this request; undefined otherwise. */
export function databaseBusyCode(e: unknown): string | undefined {
  return findErrorCode(e, BUSY_CODES);
}

export function databaseBusyError(code: string): AppError {
  return new AppError("UNAVAILABLE", "The database is busy with other work, so nothing was saved. Send the request again in a moment.", {
    cause: code,
    retryAfterSeconds: 1,
  });
}

function findErrorCode(e: unknown, codes: Set<string>): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length > 0) {
    const x = queue.shift();
    if (x === null || typeof x !== "object" || seen.has(x)) continue;
    seen.add(x);
    const o = x as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    for (const code of [o.code, o.originalCode]) if (typeof code === "string" && codes.has(code)) return code;
    queue.push(o.cause, o.meta?.driverAdapterError);
  }
  return undefined;
}

export function storageFullError(code: string): AppError {
  return new AppError(
    "INSUFFICIENT_STORAGE",
    "The server has run out of storage space (its disk or database is full), so nothing was saved. An administrator must free space or add capacity; then send the request again.",
    { cause: code },
  );
}
