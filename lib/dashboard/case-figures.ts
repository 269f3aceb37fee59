// The case side of the dashboard, in SQL: one GROUP BY over the visible cases of the period (status,
// severity, lead and age bucket at once), and one each for the weeks' openings and closings.
import type { Actor } from "@/lib/access/actor";
import { visibleCasesSql } from "@/lib/access/case-access";
import { caseListConditions, type CaseListQuery } from "@/lib/cases/list-cases";
import { enumAsText } from "@/lib/db/enum-in";
import { queryRows } from "@/lib/db/query-rows";
import { frag, join, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import type { Bucket, Range } from "@/lib/dashboard/dashboard-periods";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-schemas";

export type CaseFilterQuery = Omit<CaseListQuery, "sort" | "order" | "page" | "pageSize">;

/** The dashboard's filters as a case-list query (cases opened in `opened`). */
export function caseQuery(f: DashboardFilters, opened: Range, more: Partial<CaseFilterQuery> = {}): CaseFilterQuery {
  return { severity: f.severity, tag: f.tag, leadId: f.leadId, createdFrom: opened.from, createdTo: opened.to, ...more };
}

/** `CASE WHEN col >= b[n-1].from THEN n-1 … END`: the index of the bucket a time falls in (buckets
 *  are adjacent and oldest first, or youngest first when `descending`). */
export function bucketIndex(column: string, buckets: Bucket[], descending = false): Fragment {
  const order = buckets.map((b, i) => [b, i] as const);
  if (!descending) order.reverse();
  const whens = order.filter(([b]) => b.from).map(([b, i]) => frag(`WHEN ${column} >= ? THEN ${i}`, b.from));
  const last = order.find(([b]) => !b.from);
  // Weeks: rows older than the first week (most of them, once there are years of cases) stop at the first test.
  const older = !descending && buckets[0]?.from ? [frag(`WHEN ${column} < ? THEN -1 `, buckets[0].from)] : [];
  return join([frag("CASE "), ...older, ...whens.map((w) => join([w, frag(" ")], "")), frag(`ELSE ${last ? last[1] : -1} END`)], "");
}

export type CaseGroup = { status: string; severity: string; leadId: string | null; age: number; week: number; n: number };

/** The one scan of the dashboard over the cases: counts by status, severity, lead, age bucket and
 *  week opened (-1 outside the weeks), read from one covering index (decision 0018). */
export async function caseGroups(actor: Actor, q: CaseFilterQuery, ages: Bucket[], weeks: Bucket[]): Promise<CaseGroup[]> {
  const head = join(
    [
      frag(`SELECT ${enumAsText(`c."status"`)} AS "status", ${enumAsText(`c."severity"`)} AS "severity", c."leadId" AS "leadId", `),
      bucketIndex(`c."createdAt"`, ages, true),
      frag(` AS "age", `),
      bucketIndex(`c."createdAt"`, weeks),
      frag(` AS "week", count(*) AS "n" FROM "Case" c`),
    ],
    "",
  );
  const rows = await queryRows<CaseGroup>(withWhere(head, [...visibleCasesSql(actor), ...caseListConditions(q)], frag(` GROUP BY 1, 2, 3, 4, 5`)));
  return rows.map((r) => ({ ...r, age: Number(r.age), week: Number(r.week), n: Number(r.n) }));
}

/** Cases closed per week, indexed like `weeks` (q carries the closing range). */
export async function closedPerWeek(actor: Actor, q: CaseFilterQuery, weeks: Bucket[]): Promise<number[]> {
  const head = join([frag(`SELECT `), bucketIndex(`c."closedAt"`, weeks), frag(` AS "week", count(*) AS "n" FROM "Case" c`)], "");
  const rows = await queryRows<{ week: number | bigint; n: number | bigint }>(
    withWhere(head, [...visibleCasesSql(actor), ...caseListConditions(q)], frag(` GROUP BY 1`)),
  );
  const out = weeks.map(() => 0);
  for (const r of rows) if (Number(r.week) >= 0) out[Number(r.week)] = Number(r.n);
  return out;
}

export async function leadNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(frag(`SELECT "id", "name" FROM "User" WHERE "id" IN (${ids.map(() => "?").join(", ")})`, ...ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
