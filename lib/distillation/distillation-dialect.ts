// The provider-specific read of the distillation analytics: the streaming pass over a case's request
// rows (SQLite: a table scan on a read-only connection of its own; PostgreSQL: keyset pages). The
// provider-specific SQL expressions (time, weekday, hour) are lib/db/dialect.ts's. Timestamps:
// SQLite stores them as UTC text (2026-01-02T03:04:05.678+00:00), PostgreSQL as timestamp(3)
// without time zone holding UTC.
import { db, dbProvider, sqlitePath } from "@/lib/db/client";
import { render } from "@/lib/db/sql-fragment";
import { env } from "@/lib/env";

const pg = () => dbProvider() === "postgresql";

/** The columns the streaming pass reads, in this order. */
export type RequestTuple = [
  accountId: string,
  ts: string | Date,
  promptTokens: number,
  completionTokens: number,
  ip: string | null,
  apiKeyId: string | null,
  userAgent: string | null,
  promptKey: string | null,
  promptSimhash: string | null,
  prompt: string | null,
];

const TUPLE_COLUMNS = `r."accountId", r."ts", r."promptTokens", r."completionTokens", r."ip", r."apiKeyId", r."userAgent", r."promptKey", r."promptSimhash", r."prompt"`;
const PAGE = 10_000;
const YIELD_EVERY = 20_000;
/** The analysis read connection's SQLite page cache (KiB). */
const ANALYSIS_CACHE_KIB = 1024;

/**
 * Calls `onRow` for every request row of the case (of `runIds` unless `allRunsOfCase`), in no
 * particular order, holding one row (SQLite) or one page of rows (PostgreSQL) at a time.
 * SQLite: a read-only connection of its own iterates a plain table scan (no sort, WAL snapshot).
 * PostgreSQL: keyset pages in primary-key order.
 */
export async function forEachRequestRow(
  caseId: string,
  runIds: readonly string[],
  allRunsOfCase: boolean,
  onRow: (row: RequestTuple) => void,
): Promise<void> {
  const runFilter = allRunsOfCase ? "" : ` AND r."runId" IN (${runIds.map(() => "?").join(", ")})`;
  const runParams = allRunsOfCase ? [] : [...runIds];
  if (!pg()) {
    const Database = (await import("better-sqlite3")).default;
    const connection = new Database(sqlitePath(env().databaseUrl), { readonly: true, fileMustExist: true });
    try {
      // One pass over the table reads each page once: SQLite's default 16 MiB page cache would only
      // fill with pages never read again, in the server's memory (decision 0030).
      connection.pragma(`cache_size = -${ANALYSIS_CACHE_KIB}`);
      // "+" keeps SQLite from walking the (caseId, …) index, which would read the table in random order.
      const statement = connection.prepare(`SELECT ${TUPLE_COLUMNS} FROM "ApiRequest" r WHERE +r."caseId" = ?${runFilter}`).raw(true);
      // better-sqlite3 reads synchronously: hand the event loop back every YIELD_EVERY rows so the
      // server keeps answering while a large case is analysed (the connection is ours alone).
      let n = 0;
      for (const row of statement.iterate(caseId, ...runParams)) {
        onRow(row as RequestTuple);
        if (++n % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      connection.close();
    }
    return;
  }
  let after: [string, number] | null = null;
  for (;;) {
    const cursor: string = after ? ` AND (r."runId", r."line") > (?, ?)` : "";
    const params: unknown[] = [caseId, ...runParams, ...(after ?? [])];
    const text = `SELECT ${TUPLE_COLUMNS}, r."runId" AS "runId", r."line" AS "line" FROM "ApiRequest" r WHERE r."caseId" = ?${runFilter}${cursor} ORDER BY r."runId", r."line" LIMIT ${PAGE}`;
    const page = await db().$queryRawUnsafe<Record<string, unknown>[]>(...render({ text, params }, "postgresql"));
    for (const r of page) {
      onRow([r.accountId, r.ts, r.promptTokens, r.completionTokens, r.ip, r.apiKeyId, r.userAgent, r.promptKey, r.promptSimhash, r.prompt] as RequestTuple);
    }
    if (page.length < PAGE) return;
    const last = page[page.length - 1];
    after = [String(last.runId), Number(last.line)];
  }
}

