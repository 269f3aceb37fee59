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

export type CaseGroup = { status: string; severity: string; leadId: string | null; n: number };

/** The visible cases of the query by status, severity and lead: read in the order of the covering
 *  index (status, severity, leadId, …), so SQLite streams the groups without sorting (decision 0018). */
export async function caseGroups(actor: Actor, q: CaseFilterQuery): Promise<CaseGroup[]> {
  const status = enumAsText(`c."status"`);
  const severity = enumAsText(`c."severity"`);
  const head = frag(`SELECT ${status} AS "status", ${severity} AS "severity", c."leadId" AS "leadId", count(*) AS "n" FROM "Case" c`);
  const rows = await queryRows<CaseGroup>(withWhere(head, [...visibleCasesSql(actor), ...caseListConditions(q)], frag(` GROUP BY ${status}, ${severity}, c."leadId"`)));
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Counts of the visible cases of the query per age bucket (open ones) and per week opened (all),
 *  from one pass: the buckets' edges merged into slots, one CASE and a tiny sort key per row. */
export async function casesByTime(actor: Actor, q: CaseFilterQuery, ages: Bucket[], weeks: Bucket[]): Promise<{ openByAge: number[]; openedByWeek: number[] }> {
  const edges = [...new Set([...ages, ...weeks].flatMap((b) => [b.from, b.to]).filter((d): d is Date => !!d).map((d) => d.getTime()))].sort((a, b) => b - a);
  // Slot i holds [edges[i], edges[i-1]); slot 0 reaches into the future, the last one into the past.
  const slots: Bucket[] = [...edges.map((t, i) => ({ label: String(i), from: new Date(t), to: i ? new Date(edges[i - 1]) : undefined })), { label: "older", to: edges.length ? new Date(edges[edges.length - 1]) : undefined }];
  const head = join([frag(`SELECT `), bucketIndex(`c."createdAt"`, slots, true), frag(` AS "slot", CASE WHEN ${enumAsText(`c."status"`)} = 'CLOSED' THEN 0 ELSE 1 END AS "open", count(*) AS "n" FROM "Case" c`)], "");
  const rows = await queryRows<{ slot: number | bigint; open: number | bigint; n: number | bigint }>(withWhere(head, [...visibleCasesSql(actor), ...caseListConditions(q)], frag(` GROUP BY 1, 2`)));
  const openByAge = ages.map(() => 0);
  const openedByWeek = weeks.map(() => 0);
  const within = (b: Bucket, t: number) => (!b.from || b.from.getTime() <= t) && (!b.to || t < b.to.getTime());
  for (const r of rows) {
    const slot = slots[Number(r.slot)];
    // An instant inside the slot: its start, or just before its end for the open-ended oldest one.
    const t = slot.from ? slot.from.getTime() : slot.to ? slot.to.getTime() - 1 : 0;
    const n = Number(r.n);
    const week = weeks.findIndex((w) => within(w, t));
    if (week >= 0) openedByWeek[week] += n;
    if (Number(r.open) === 1) {
      const age = ages.findIndex((a) => within(a, t));
      if (age >= 0) openByAge[age] += n;
    }
  }
  return { openByAge, openedByWeek };
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
