// A full disk is not a bug: the operator must free space. Recognises it in whatever form it
// arrives (a file system errno, SQLite's SQLITE_FULL, PostgreSQL's disk_full, through Prisma's
// driver-adapter errors) so the API can answer 507 with a message an operator understands.
import { AppError } from "@/lib/errors";

// ENOSPC: no space left on device; EDQUOT: disk quota exceeded; SQLITE_FULL: the database or its
// disk is full; 53100: PostgreSQL's disk_full (SQLSTATE class 53: insufficient resources).
const FULL_CODES = new Set(["ENOSPC", "EDQUOT", "SQLITE_FULL", "53100"]);

/** The code that says the storage is full, looking through wrapped causes; undefined otherwise. */
export function storageFullCode(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length > 0) {
    const x = queue.shift();
    if (x === null || typeof x !== "object" || seen.has(x)) continue;
    seen.add(x);
    const o = x as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    for (const code of [o.code, o.originalCode]) if (typeof code === "string" && FULL_CODES.has(code)) return code;
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
