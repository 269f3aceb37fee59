// The rows of an ingest batch on SQLite, written with prepared better-sqlite3 statements on a
// connection of this module's own, in one BEGIN IMMEDIATE transaction per batch: the run's guarded
// progress, the request rows and the stored malformed lines. The only SQL of the app that bypasses
// Prisma, kept in this one file (decision 0019): through Prisma the same rows went in at a third
// of this speed (one JSON parameter per 1,000 rows) or less (multi-row VALUES), and ingestion must
// stay within 0.6x of a bare prepared-statement loop.
// The statements run synchronously between BEGIN and COMMIT (no await inside), so nothing else of
// this process can interleave; taking the write lock is retried asynchronously while another
// connection holds it (busy_timeout 0: a synchronous wait would block the event loop, and with it
// the Prisma transaction this process may itself be holding).
import Database from "better-sqlite3";
import { sqlitePath } from "@/lib/db/client";
import { LOCK_WAIT_MS } from "@/lib/db/sqlite-adapter";
import { env } from "@/lib/env";

export type RequestValues = (string | number | null)[];
export type ProgressUpdate = {
  runId: string;
  fromLastLine: number;
  throughLine: number;
  bytesDone: number;
  ok: number;
  failed: number;
};

type Statements = {
  file: string;
  db: Database.Database;
  advance: Database.Statement;
  request: Database.Statement;
  error: Database.Statement;
};

const holder = globalThis as unknown as { lanternIngestSqlite?: Statements };

function statements(): Statements {
  const file = sqlitePath(env().databaseUrl);
  if (holder.lanternIngestSqlite?.file === file) return holder.lanternIngestSqlite;
  holder.lanternIngestSqlite?.db.close();
  const db = new Database(file);
  db.pragma("busy_timeout = 0");
  // better-sqlite3 builds SQLite with a 16 MiB page cache per connection; appending rows needs only
  // the tree's right edge and the account index's leaves (a few MiB), and this connection stays
  // open for the server's life: 4 MiB (issue 11's RSS target, decision 0030).
  db.pragma("cache_size = -4096");
  holder.lanternIngestSqlite = {
    file,
    db,
    advance: db.prepare(
      `UPDATE "IngestRun" SET "lastLine" = ?, "bytesDone" = ?, "linesOk" = "linesOk" + ?, "linesFailed" = "linesFailed" + ?,
         "linesTotal" = "linesTotal" + ?, "updatedAt" = ?
       WHERE "id" = ? AND "state" = 'RUNNING' AND "lastLine" = ? AND "replacedAt" IS NULL`,
    ),
    request: db.prepare(
      `INSERT INTO "ApiRequest" ("runId", "line", "caseId", "accountId", "ts", "model", "promptTokens", "completionTokens", "apiKeyId",
         "orgId", "ip", "userAgent", "endpoint", "status", "requestId", "prompt", "promptHash", "promptKey", "promptSimhash", "extra")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    error: db.prepare(`INSERT INTO "IngestError" ("runId", "line", "reason") VALUES (?, ?, ?)`),
  };
  return holder.lanternIngestSqlite;
}

/** Prisma's text form of a DateTime on SQLite, so raw rows read back like the rest. */
export const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** Writes one batch; false (nothing written) when the run is not at fromLastLine any more. */
export async function writeRequestBatchSqlite(progress: ProgressUpdate, requests: RequestValues[], errors: [string, number, string][]): Promise<boolean> {
  const s = statements();
  await beginImmediate(s.db);
  try {
    const moved = s.advance.run(
      progress.throughLine, Math.round(progress.bytesDone), progress.ok, progress.failed, progress.ok + progress.failed, sqliteTime(new Date()),
      progress.runId, progress.fromLastLine,
    );
    if (moved.changes !== 1) {
      s.db.exec("ROLLBACK");
      return false;
    }
    for (const values of requests) s.request.run(values);
    for (const values of errors) s.error.run(values);
    s.db.exec("COMMIT");
    return true;
  } catch (e) {
    if (s.db.inTransaction) s.db.exec("ROLLBACK");
    throw e;
  }
}

async function beginImmediate(db: Database.Database): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    try {
      db.exec("BEGIN IMMEDIATE");
      return;
    } catch (e) {
      const busy = String((e as { code?: unknown } | null)?.code ?? "").startsWith("SQLITE_BUSY");
      if (!busy || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
