// Runs a hand-built query (see sql-fragment.ts) on the configured database.
import { createHash } from "node:crypto";
import pg from "pg";
import { db, dbProvider, readConnection, readPool } from "@/lib/db/client";
import { render, type Fragment } from "@/lib/db/sql-fragment";

export function queryRows<T>(f: Fragment): Promise<T[]> {
  return db().$queryRawUnsafe<T[]>(...render(f, dbProvider()));
}

/** The single `n` of a `SELECT count(*) AS "n"` query (SQLite returns it as a BigInt). */
export async function queryCount(f: Fragment): Promise<number> {
  const [{ n }] = await queryRows<{ n: bigint | number }>(f);
  return Number(n);
}

/**
 * The rows of a hot read-only query (the case list, the API token lookup): on PostgreSQL straight
 * through pg on the read pool (lib/db/client.ts readPool), on SQLite as queryRows. Values as pg
 * reads them: timestamps as Dates (UTC), booleans as booleans, bigint (count) as a string: callers
 * convert numbers with Number(), which takes a string, number or BigInt. Parameters that are Dates
 * are sent as ISO text in UTC (the columns are UTC timestamps; pg would send local time).
 */
export async function queryHotRows<T>(f: Fragment, opts: HotQueryOptions = {}): Promise<T[]> {
  if (dbProvider() === "sqlite") return opts.prepared ? querySqliteHotRows<T>(f) : queryRows<T>(f);
  const pool = readPool(db());
  if (!pool) return queryRows<T>(f);
  const [text, ...params] = render(f, "postgresql");
  const values = params.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v));
  const name = opts.prepared ? statementName(text) : undefined;
  return (await pool.query({ name, text, values, types: opts.isoTimestamps ? ISO_TIMESTAMP_TYPES : undefined })).rows as T[];
}

/**
 * SQLite, a prepared hot statement: on the read-only connection (client.ts readConnection), its
 * statement kept by text. Values as SQLite stores them: timestamps as Prisma writes them
 * ("2026-11-29T12:34:56.780+00:00"), booleans as 0/1, counts as numbers. Parameters other than
 * text and numbers (Dates, which Prisma would convert) go through Prisma instead.
 */
function querySqliteHotRows<T>(f: Fragment): Promise<T[]> {
  const connection = readConnection(db());
  if (!connection || !f.params.every((p) => typeof p === "string" || typeof p === "number")) return queryRows<T>(f);
  let statement = connection.statements.get(f.text);
  if (!statement) connection.statements.set(f.text, (statement = connection.database.prepare(f.text)));
  return Promise.resolve(statement.all(...(f.params as (string | number)[])) as T[]);
}

/** A prepared statement's name, from its text; the few prepared texts keep theirs. */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `hot_${createHash("sha1").update(text).digest("base64url")}`));
  return name;
}
const statementNames = new Map<string, string>();

const TIMESTAMP_OID = 1114;
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/**
 * PostgreSQL's text of a UTC `timestamp` ("2026-11-29 12:34:56.78") as the ISO 8601 text
 * `Date.prototype.toISOString` gives ("2026-11-29T12:34:56.780Z": milliseconds, truncated as a
 * Date truncates them), by string operations: parsing into a Date and formatting it again cost
 * ~2 µs a value, 75 values a case list page. Text of another shape goes through a Date.
 */
export function isoTimestampOf(text: string): string {
  if (!PG_TIMESTAMP.test(text)) return new Date(`${text.replace(" ", "T")}Z`).toISOString();
  const ms = text.length > 20 ? `${text.slice(20, 23)}00`.slice(0, 3) : "000";
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${ms}Z`;
}

const ISO_TIMESTAMP_TYPES = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === TIMESTAMP_OID ? isoTimestampOf : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

export type HotQueryOptions = {
  /**
   * PostgreSQL: run it as a named prepared statement, kept by each pool connection, so that after
   * five runs PostgreSQL reuses a generic plan instead of planning it again (planning was a third of
   * the unfiltered case list's cost there; decision 0021). Only for statements of a few fixed texts
   * whose parameters do not change the best plan: each distinct text stays prepared on every
   * connection of the pool for its life. A LIMIT or OFFSET given as a parameter keeps PostgreSQL on
   * custom plans: write those in the text.
   */
  prepared?: boolean;
  /** PostgreSQL: timestamps as ISO 8601 text in UTC (isoTimestampOf) instead of Dates. (SQLite's
   *  prepared statements answer them as stored, "…+00:00".) */
  isoTimestamps?: boolean;
};

/** queryCount through queryHotRows. */
export async function queryHotCount(f: Fragment): Promise<number> {
  const [{ n }] = await queryHotRows<{ n: bigint | number | string }>(f);
  return Number(n);
}
