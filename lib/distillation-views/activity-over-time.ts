// Requests over time stacked by series (accounts on a case view, cases on an account view; the
// top N by requests, the rest summed as "others") and token volume over time, from one GROUP BY in
// the database. The bucket is the smallest of a fixed ladder that keeps the chart under
// MAX_BUCKETS; empty buckets are filled with zeros so gaps show as gaps.
import type { Tx } from "@/lib/db/client";
import { epochSeconds } from "@/lib/db/dialect";
import { frag, inList, join } from "@/lib/db/sql-fragment";
import { num, queryOn, scopeWhere, type ViewScope } from "@/lib/distillation-views/view-scope";

export const MAX_BUCKETS = 120;
export const OTHERS_KEY = "__others__";
const LADDER = [60, 300, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400, 364 * 86400];

/** `others`: the sum of every series past the top N. */
export type Series = { key: string; label: string; requests: number; others: boolean };
export type ActivityPoint = { t: number; counts: Record<string, number>; promptTokens: number; completionTokens: number };
export type ActivityOverTime = { bucketSeconds: number; series: Series[]; points: ActivityPoint[] };

/** The bucket (seconds) for rows spanning [lo, hi] epoch seconds. */
export function chooseBucket(lo: number, hi: number, maxBuckets = MAX_BUCKETS): number {
  return LADDER.find((b) => Math.floor(hi / b) - Math.floor(lo / b) + 1 <= maxBuckets) ?? LADDER[LADDER.length - 1];
}

type SeriesBy = { column: "accountId" | "caseId"; label: (keys: string[]) => Promise<Map<string, string>> };

export async function getActivityOverTime(client: Tx, scope: ViewScope, topN: number): Promise<ActivityOverTime> {
  const where = scopeWhere(scope);
  const by = seriesBy(client, scope);
  const top = await queryOn<{ k: string; n: bigint }>(
    client,
    join([frag(`SELECT a."${by.column}" AS "k", COUNT(*) AS "n" FROM "ApiRequest" a WHERE `), where, frag(` GROUP BY a."${by.column}" ORDER BY COUNT(*) DESC, a."${by.column}" LIMIT ?`, topN)], ""),
  );
  if (top.length === 0) return { bucketSeconds: 3600, series: [], points: [] };
  const [range] = await queryOn<{ lo: unknown; hi: unknown }>(client, join([frag(`SELECT MIN(${epochSeconds(`a."ts"`)}) AS "lo", MAX(${epochSeconds(`a."ts"`)}) AS "hi" FROM "ApiRequest" a WHERE `), where], ""));
  const lo = num(range.lo);
  const hi = num(range.hi);
  const bucket = chooseBucket(lo, hi);
  const keys = top.map((t) => t.k);
  const rows = await queryOn<{ t: unknown; k: string; n: unknown; pt: unknown; ct: unknown }>(
    client,
    join(
      [
        frag(
          `SELECT (${epochSeconds(`a."ts"`)} / ${bucket}) * ${bucket} AS "t", CASE WHEN a."${by.column}" IN (${inList(keys)}) THEN a."${by.column}" ELSE '${OTHERS_KEY}' END AS "k",
                  COUNT(*) AS "n", SUM(a."promptTokens") AS "pt", SUM(a."completionTokens") AS "ct"
             FROM "ApiRequest" a WHERE `,
          ...keys,
        ),
        where,
        frag(` GROUP BY 1, 2 ORDER BY 1`),
      ],
      "",
    ),
  );
  const labels = await by.label(keys);
  const series: Series[] = top.map((t) => ({ key: t.k, label: labels.get(t.k) ?? t.k, requests: num(t.n), others: false }));
  const points = new Map<number, ActivityPoint>();
  const first = Math.floor(lo / bucket) * bucket;
  for (let t = first; t <= hi; t += bucket) points.set(t, { t, counts: {}, promptTokens: 0, completionTokens: 0 });
  let others = 0;
  for (const r of rows) {
    const p = points.get(num(r.t));
    if (!p) continue;
    p.counts[r.k] = num(r.n);
    p.promptTokens += num(r.pt);
    p.completionTokens += num(r.ct);
    if (r.k === OTHERS_KEY) others += num(r.n);
  }
  if (others > 0) series.push({ key: OTHERS_KEY, label: "Others", requests: others, others: true });
  return { bucketSeconds: bucket, series, points: [...points.values()] };
}

function seriesBy(client: Tx, scope: ViewScope): SeriesBy {
  if (scope.kind === "case") {
    return {
      column: "accountId",
      label: async (keys) => new Map((await client.account.findMany({ where: { id: { in: keys } }, select: { id: true, externalId: true } })).map((a) => [a.id, a.externalId])),
    };
  }
  return {
    column: "caseId",
    label: async (keys) => new Map((await client.case.findMany({ where: { id: { in: keys } }, select: { id: true, number: true } })).map((c) => [c.id, c.number])),
  };
}
