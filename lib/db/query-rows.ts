// Runs a hand-built query (see sql-fragment.ts) on the configured database.
import { createHash } from "node:crypto";
import { db, dbProvider, readPool } from "@/lib/db/client";
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
  const pool = dbProvider() === "postgresql" ? readPool(db()) : undefined;
  if (!pool) return queryRows<T>(f);
  const [text, ...params] = render(f, "postgresql");
  const values = params.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v));
  const name = opts.prepared ? `hot_${createHash("sha1").update(text).digest("base64url")}` : undefined;
  return (await pool.query({ name, text, values })).rows as T[];
}

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
};

/** queryCount through queryHotRows. */
export async function queryHotCount(f: Fragment): Promise<number> {
  const [{ n }] = await queryHotRows<{ n: bigint | number | string }>(f);
  return Number(n);
}
