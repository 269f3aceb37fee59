// Bulk INSERTs (the account import, suggested links): each statement carries its rows as ONE JSON
// parameter that the database unpacks (SQLite json_each, PostgreSQL json_array_elements), instead of
// one parameter per value. Prisma copies and converts every raw-query parameter several times; at
// 500,000 rows that per-parameter garbage was most of the import's memory and a third of its time.
import { randomBytes } from "node:crypto";
import { dbProvider, type Tx } from "@/lib/db/client";

const ROWS_PER_STATEMENT = 1_000;

/** A column and how its JSON value becomes the column's type (text unless said otherwise). */
export type Column = { name: string; type?: "text" | "int" | "float" | "timestamp" | { enum: string } };

export type InsertOptions = {
  /** Rows whose key (or another unique index) is taken are skipped (ON CONFLICT DO NOTHING); the count leaves them out. */
  ignoreConflicts?: boolean;
  /** Rows per statement (default 1,000). */
  rowsPerStatement?: number;
};

/** Inserts `rows` (arrays of values in `columns` order; Dates allowed) into `table`; returns the rows written. */
export async function insertRows(tx: Tx, table: string, columns: readonly Column[], rows: readonly unknown[][], options: InsertOptions = {}): Promise<number> {
  if (rows.length === 0) return 0;
  const pg = dbProvider() === "postgresql";
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const values = columns.map((c, i) => (pg ? pgValue(c, i) : `j.value ->> ${i}`)).join(", ");
  // SQLite needs the WHERE before an upsert clause on INSERT … SELECT (else ON reads as a join's).
  const conflict = options.ignoreConflicts ? (pg ? " ON CONFLICT DO NOTHING" : " WHERE true ON CONFLICT DO NOTHING") : "";
  const sql = pg
    ? `INSERT INTO "${table}" (${names}) SELECT ${values} FROM json_array_elements($1::json) AS j(value)${conflict}`
    : `INSERT INTO "${table}" (${names}) SELECT ${values} FROM json_each(?) AS j${conflict}`;
  const perStatement = options.rowsPerStatement ?? ROWS_PER_STATEMENT;
  let written = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    written += await tx.$executeRawUnsafe(sql, JSON.stringify(pg ? chunk : chunk.map(sqliteDates)));
  }
  return written;
}

function pgValue(c: Column, i: number): string {
  const v = `(j.value ->> ${i})`;
  if (!c.type || c.type === "text") return v;
  if (c.type === "int") return `${v}::integer`;
  if (c.type === "float") return `${v}::double precision`;
  if (c.type === "timestamp") return `${v}::timestamp(3)`;
  return `${v}::"${c.type.enum}"`;
}

/** SQLite: Dates in the text form Prisma writes (2026-01-02T03:04:05.678+00:00), so they read back alike.
 *  (PostgreSQL takes JSON's ISO form; a timestamp column ignores the "Z".) */
function sqliteDates(row: readonly unknown[]): unknown[] {
  return row.map((v) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v));
}

/** A collision-free id in the shape of Prisma's cuid() ids (25 characters, starting with "c"). */
export function newId(): string {
  return `c${Date.now().toString(36).padStart(9, "0")}${randomBytes(8).toString("hex").slice(0, 15)}`;
}
