// `column IN (…)` for values of a Prisma enum, in a form an index serves on both databases: a CAST
// of the column to text (as the case list's filters use) would keep SQLite off the index.
import { dbProvider } from "@/lib/db/client";
import { enumParam } from "@/lib/db/dialect";
import { frag, type Fragment } from "@/lib/db/sql-fragment";

export function enumIn(column: string, enumName: string, values: readonly string[]): Fragment {
  return frag(`${column} IN (${values.map(() => enumParam(enumName)).join(", ")})`, ...values);
}

/** An enum column read as text: PostgreSQL needs the cast (its enums are types of their own);
 *  SQLite stores the text already, and a cast there costs a function call per row of a scan. */
export function enumAsText(column: string): string {
  return dbProvider() === "postgresql" ? `CAST(${column} AS TEXT)` : column;
}
