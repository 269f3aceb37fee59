// `column IN (…)` for values of a Prisma enum, in a form an index serves on both databases: a CAST
// of the column to text (as the case list's filters use) would keep SQLite off the index.
import { enumParam } from "@/lib/db/dialect";
import { frag, type Fragment } from "@/lib/db/sql-fragment";

export function enumIn(column: string, enumName: string, values: readonly string[]): Fragment {
  return frag(`${column} IN (${values.map(() => enumParam(enumName)).join(", ")})`, ...values);
}
