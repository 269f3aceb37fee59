// Runs a hand-built query (see sql-fragment.ts) on the configured database.
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
export async function queryHotRows<T>(f: Fragment): Promise<T[]> {
  const pool = dbProvider() === "postgresql" ? readPool(db()) : undefined;
  if (!pool) return queryRows<T>(f);
  const [text, ...params] = render(f, "postgresql");
  const values = params.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v));
  return (await pool.query({ text, values })).rows as T[];
}

/** queryCount through queryHotRows. */
export async function queryHotCount(f: Fragment): Promise<number> {
  const [{ n }] = await queryHotRows<{ n: bigint | number | string }>(f);
  return Number(n);
}
