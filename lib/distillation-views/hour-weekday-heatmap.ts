// Requests by UTC hour of day and day of week: round-the-clock automation fills the whole grid,
// people leave nights and weekends pale.
import type { Tx } from "@/lib/db/client";
import { utcHour, utcWeekday } from "@/lib/db/dialect";
import { frag, join } from "@/lib/db/sql-fragment";
import { num, queryOn, scopeWhere, type ViewScope } from "@/lib/distillation-views/view-scope";

/** cells[weekday][hour]: weekday 0 = Monday … 6 = Sunday (ISO order), hour 0-23 UTC. */
export type HourWeekdayHeatmap = { cells: number[][]; max: number; total: number };

export async function getHourWeekdayHeatmap(client: Tx, scope: ViewScope): Promise<HourWeekdayHeatmap> {
  const rows = await queryOn<{ w: unknown; h: unknown; n: unknown }>(
    client,
    join([frag(`SELECT ${utcWeekday(`a."ts"`)} AS "w", ${utcHour(`a."ts"`)} AS "h", COUNT(*) AS "n" FROM "ApiRequest" a WHERE `), scopeWhere(scope), frag(` GROUP BY 1, 2`)], ""),
  );
  const cells = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let max = 0;
  let total = 0;
  for (const r of rows) {
    const n = num(r.n);
    cells[(num(r.w) + 6) % 7][num(r.h)] = n; // Sunday (0) goes last
    max = Math.max(max, n);
    total += n;
  }
  return { cells, max, total };
}
