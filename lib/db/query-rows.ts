// Runs a hand-built query (see sql-fragment.ts) on the configured database.
import { db, dbProvider } from "@/lib/db/client";
import { render, type Fragment } from "@/lib/db/sql-fragment";

export function queryRows<T>(f: Fragment): Promise<T[]> {
  return db().$queryRawUnsafe<T[]>(...render(f, dbProvider()));
}

/** The single `n` of a `SELECT count(*) AS "n"` query (SQLite returns it as a BigInt). */
export async function queryCount(f: Fragment): Promise<number> {
  const [{ n }] = await queryRows<{ n: bigint | number }>(f);
  return Number(n);
}
