// The only provider-specific SQL of the project. Each function has a SQLite and a PostgreSQL
// variant; both are exercised by the integration tests on each provider.
import type { Db, Tx } from "@/lib/db/client";
import { dbProvider } from "@/lib/db/client";
import { frag, type Fragment } from "@/lib/db/sql-fragment";

/**
 * Serializes the writers of one named resource (the audit chain, the login counters) until the
 * transaction ends. PostgreSQL: a transaction advisory lock on a key derived from the name.
 * SQLite: nothing to do: every transaction begins IMMEDIATE (lib/db/sqlite-adapter.ts), so it holds
 * the database's write lock, against other processes too, from its first statement to its end.
 */
export async function lockNamed(tx: Tx, name: string): Promise<void> {
  if (dbProvider() === "postgresql") {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, name);
  }
}

export const lockAuditChain = (tx: Tx) => lockNamed(tx, "audit-chain");

/**
 * Locks one case row until the transaction ends, so a concurrent change of its restricted flag
 * cannot interleave with adding members (PostgreSQL; SQLite transactions are serialized).
 */
export async function lockCaseRow(tx: Tx, caseId: string): Promise<void> {
  if (dbProvider() === "postgresql") {
    await tx.$executeRawUnsafe(`SELECT 1 FROM "Case" WHERE "id" = $1 FOR UPDATE`, caseId);
  }
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * Case-insensitive substring match of `q` in any of `columns` (qualified, quoted names), with LIKE
 * wildcards in `q` taken literally. For small result sets and columns without a search index.
 * SQLite's LIKE folds case for ASCII letters only ("élan" does not find "Élan"); PostgreSQL's
 * ILIKE folds all of Unicode.
 */
export function containsText(columns: string[], q: string): Fragment {
  const p = likePattern(q);
  const op = dbProvider() === "postgresql" ? "ILIKE ?" : "LIKE ? ESCAPE '\\'";
  return frag(`(${columns.map((c) => `${c} ${op}`).join(" OR ")})`, ...columns.map(() => p));
}

/** A search that starts like a case number (LAN-…): every number starts with "LAN-" and holds it
 *  nowhere else, so such a search matches a number only as its prefix. ASCII only, so upper-casing
 *  it is exact. */
const CASE_NUMBER_START = /^lan-[a-z0-9-]*$/i;

/**
 * Case-insensitive substring search over a case's number, title and summary, as a condition on
 * the case aliased `c`. SQLite: the trigram FTS5 index for 3+ characters (LIKE below that, which
 * trigrams cannot serve). PostgreSQL: ILIKE, served by the pg_trgm GIN indexes; a search that
 * starts like a case number matches the number as a prefix (LIKE 'LAN-2026-042%', a range of the
 * text_pattern_ops index), since the trigrams of "LAN-2026-" occur in every number (decision 0021).
 */
export function caseTextSearch(q: string): Fragment {
  if (dbProvider() === "postgresql") {
    const p = likePattern(q);
    if (CASE_NUMBER_START.test(q)) {
      return frag(`(c."number" LIKE ? OR c."title" ILIKE ? OR c."summary" ILIKE ?)`, `${likePattern(q.toUpperCase()).slice(1)}`, p, p);
    }
    return frag(`(c."number" ILIKE ? OR c."title" ILIKE ? OR c."summary" ILIKE ?)`, p, p, p);
  }
  if ([...q].length >= 3) {
    return frag(`c.rowid IN (SELECT rowid FROM "CaseSearch" WHERE "CaseSearch" MATCH ?)`, `"${q.replaceAll('"', '""')}"`);
  }
  const p = likePattern(q);
  return frag(`(c."number" LIKE ? ESCAPE '\\' OR c."title" LIKE ? ESCAPE '\\' OR c."summary" LIKE ? ESCAPE '\\')`, p, p, p);
}

/**
 * SQLite only: checks that the case search index matches the cases row for row and rebuilds it
 * when not (a future migration that redefines "Case" drops its triggers and renumbers rows).
 * Returns true when it had to rebuild.
 */
export async function repairCaseSearchIndex(db: Db): Promise<boolean> {
  if (dbProvider() !== "sqlite") return false;
  const [{ triggers }] = await db.$queryRawUnsafe<{ triggers: bigint | number }[]>(
    `SELECT count(*) AS triggers FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'Case_search_%'`,
  );
  const [{ mismatched }] = await db.$queryRawUnsafe<{ mismatched: bigint | number }[]>(
    `SELECT (SELECT count(*) FROM "Case") + (SELECT count(*) FROM "CaseSearch")
          - 2 * (SELECT count(*) FROM "Case" c JOIN "CaseSearch" s ON s.rowid = c.rowid AND s."caseId" = c."id") AS mismatched`,
  );
  if (Number(triggers) === 3 && Number(mismatched) === 0) return false;
  await db.$executeRawUnsafe(`DELETE FROM "CaseSearch"`);
  await db.$executeRawUnsafe(
    `INSERT INTO "CaseSearch" (rowid, "caseId", "number", "title", "summary") SELECT rowid, "id", "number", "title", "summary" FROM "Case"`,
  );
  for (const statement of SEARCH_TRIGGERS) await db.$executeRawUnsafe(statement);
  return true;
}

/**
 * SQLite only: checks that the restricted-case tally (CaseTally "restricted", kept by triggers on
 * "Case"; see its migration) has its three triggers and equals the count of restricted cases, and
 * repairs both when not (a future migration that redefines "Case" drops its triggers). Runs in one
 * write transaction, so no case is written between the count and the repair. Returns true when it
 * had to repair.
 */
export async function repairCaseTally(db: Db): Promise<boolean> {
  if (dbProvider() !== "sqlite") return false;
  return db.$transaction(async (tx) => {
    const [{ triggers, tally, restricted }] = await tx.$queryRawUnsafe<{ triggers: bigint | number; tally: bigint | number | null; restricted: bigint | number }[]>(
      `SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'Case_tally_%') AS triggers,
              (SELECT "value" FROM "CaseTally" WHERE "name" = 'restricted') AS tally,
              (SELECT count(*) FROM "Case" WHERE "restricted" = TRUE) AS restricted`,
    );
    if (Number(triggers) === TALLY_TRIGGERS.length && tally !== null && Number(tally) === Number(restricted)) return false;
    await tx.$executeRawUnsafe(
      `INSERT INTO "CaseTally" ("name", "value") VALUES ('restricted', ?) ON CONFLICT ("name") DO UPDATE SET "value" = excluded."value"`,
      Number(restricted),
    );
    for (const statement of TALLY_TRIGGERS) await tx.$executeRawUnsafe(statement);
    return true;
  });
}

const bump = (delta: string) => `BEGIN UPDATE "CaseTally" SET "value" = "value" + ${delta} WHERE "name" = 'restricted'; END`;
const TALLY_TRIGGERS = [
  `CREATE TRIGGER IF NOT EXISTS "Case_tally_insert" AFTER INSERT ON "Case" WHEN new."restricted" ${bump("1")}`,
  `CREATE TRIGGER IF NOT EXISTS "Case_tally_update" AFTER UPDATE OF "restricted" ON "Case" WHEN old."restricted" <> new."restricted" ${bump(`(CASE WHEN new."restricted" THEN 1 ELSE -1 END)`)}`,
  `CREATE TRIGGER IF NOT EXISTS "Case_tally_delete" AFTER DELETE ON "Case" WHEN old."restricted" ${bump("-1")}`,
];

const columns = `(rowid, "caseId", "number", "title", "summary") VALUES (new.rowid, new."id", new."number", new."title", new."summary")`;
const SEARCH_TRIGGERS = [
  `CREATE TRIGGER IF NOT EXISTS "Case_search_insert" AFTER INSERT ON "Case" BEGIN INSERT INTO "CaseSearch" ${columns}; END`,
  `CREATE TRIGGER IF NOT EXISTS "Case_search_update" AFTER UPDATE OF "number", "title", "summary" ON "Case" BEGIN DELETE FROM "CaseSearch" WHERE rowid = old.rowid; INSERT INTO "CaseSearch" ${columns}; END`,
  `CREATE TRIGGER IF NOT EXISTS "Case_search_delete" AFTER DELETE ON "Case" BEGIN DELETE FROM "CaseSearch" WHERE rowid = old.rowid; END`,
];

/** Aggregates a text column of a correlated subquery into one comma-separated string. */
export function commaList(column: string): string {
  return dbProvider() === "postgresql" ? `string_agg(${column}, ',')` : `group_concat(${column}, ',')`;
}

/** A `?` placeholder for a value of a Prisma enum column: PostgreSQL enums are types of their own
 *  (a text parameter needs a cast); SQLite stores them as text. */
export function enumParam(enumName: string): string {
  return dbProvider() === "postgresql" ? `CAST(? AS "${enumName}")` : "?";
}

/** Whole seconds since 1970 (UTC) of a DateTime column. SQLite holds the text Prisma writes
 *  (2026-01-02T03:04:05.678+00:00), which strftime reads with its offset; PostgreSQL's timestamp
 *  columns are UTC. Time buckets are `epochSeconds(col) / size * size` on both. */
export function epochSeconds(column: string): string {
  return dbProvider() === "postgresql" ? `CAST(FLOOR(EXTRACT(EPOCH FROM ${column})) AS BIGINT)` : `CAST(strftime('%s', ${column}) AS INTEGER)`;
}

/** A DateTime column as seconds with their fraction (a double), for differences between two
 *  timestamps only (inter-arrival gaps): the origin differs by provider (SQLite: the Julian day
 *  count, PostgreSQL: 1970), so never read one value on its own; epochSeconds gives whole seconds. */
export function secondsForDifferences(column: string): string {
  return dbProvider() === "postgresql" ? `EXTRACT(EPOCH FROM ${column})::double precision` : `(julianday(${column}) * 86400.0)`;
}

/** The UTC day of the week of a DateTime column, 0 = Sunday … 6 = Saturday. */
export function utcWeekday(column: string): string {
  return dbProvider() === "postgresql" ? `CAST(EXTRACT(DOW FROM ${column}) AS INTEGER)` : `CAST(strftime('%w', ${column}) AS INTEGER)`;
}

/** The UTC hour (0-23) of a DateTime column. */
export function utcHour(column: string): string {
  return dbProvider() === "postgresql" ? `CAST(EXTRACT(HOUR FROM ${column}) AS INTEGER)` : `CAST(strftime('%H', ${column}) AS INTEGER)`;
}
