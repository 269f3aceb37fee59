// The action side of the dashboard, in SQL over the actions of visible cases that match the case
// filters: revocations and reviews by state, the median time from proposal to execution, the
// overdue reviews, and the accounts revoked per week.
import type { Actor } from "@/lib/access/actor";
import { visibleCasesSql } from "@/lib/access/case-access";
import { caseListConditions } from "@/lib/cases/list-cases";
import { epochSeconds } from "@/lib/db/dialect";
import { queryCount, queryRows } from "@/lib/db/query-rows";
import { frag, join, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import { bucketIndex, type CaseFilterQuery } from "@/lib/dashboard/case-figures";
import type { Bucket, Range } from "@/lib/dashboard/dashboard-periods";

const FROM_ACTIONS = `FROM "Action" x JOIN "Case" c ON c."id" = x."caseId"`;

/** Conditions on the action `x` of type `type` created in `created`, on its visible case `c`. */
function actionConditions(actor: Actor, type: string, cases: CaseFilterQuery, created: Range): Fragment[] {
  return [
    frag(`CAST(x."type" AS TEXT) = ?`, type),
    ...(created.from ? [frag(`x."createdAt" >= ?`, created.from)] : []),
    ...(created.to ? [frag(`x."createdAt" < ?`, created.to)] : []),
    ...visibleCasesSql(actor),
    ...caseListConditions(cases),
  ];
}

export async function actionsByStatus(actor: Actor, type: string, cases: CaseFilterQuery, created: Range): Promise<Map<string, number>> {
  const rows = await queryRows<{ status: string; n: number | bigint }>(
    withWhere(frag(`SELECT CAST(x."status" AS TEXT) AS "status", count(*) AS "n" ${FROM_ACTIONS}`), actionConditions(actor, type, cases, created), frag(` GROUP BY 1`)),
  );
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** The median, in seconds, from proposal to execution of the executed revocations (null: none). */
export async function medianSecondsToExecution(actor: Actor, cases: CaseFilterQuery, created: Range): Promise<{ median: number | null; executed: number }> {
  const where = [...actionConditions(actor, "ACCESS_REVOCATION", cases, created), frag(`x."executedAt" IS NOT NULL`)];
  const executed = await queryCount(withWhere(frag(`SELECT count(*) AS "n" ${FROM_ACTIONS}`), where, frag("")));
  if (executed === 0) return { median: null, executed };
  const seconds = `(${epochSeconds(`x."executedAt"`)} - ${epochSeconds(`x."createdAt"`)})`;
  // The middle one (odd count) or the middle two (even count) in order; SQLite has no percentile.
  const rows = await queryRows<{ s: number | bigint }>(
    withWhere(frag(`SELECT ${seconds} AS "s" ${FROM_ACTIONS}`), where, frag(` ORDER BY 1 LIMIT ? OFFSET ?`, executed % 2 ? 1 : 2, Math.floor((executed - 1) / 2))),
  );
  const median = rows.reduce((sum, r) => sum + Number(r.s), 0) / rows.length;
  return { median, executed };
}

export type OverdueReview = { id: string; caseNumber: string; referralBody: string; status: string; dueAt: string };

export async function overdueReviews(actor: Actor, cases: CaseFilterQuery, created: Range, now: Date, limit = 20): Promise<{ total: number; items: OverdueReview[] }> {
  const where = [...actionConditions(actor, "NATIONAL_SECURITY_REVIEW", cases, created), frag(`x."open" = TRUE`), frag(`x."dueAt" < ?`, now)];
  const [total, rows] = await Promise.all([
    queryCount(withWhere(frag(`SELECT count(*) AS "n" ${FROM_ACTIONS}`), where, frag(""))),
    queryRows<{ id: string; caseNumber: string; referralBody: string | null; status: string; dueAt: Date | string }>(
      withWhere(
        frag(`SELECT x."id", c."number" AS "caseNumber", x."referralBody", CAST(x."status" AS TEXT) AS "status", x."dueAt" ${FROM_ACTIONS}`),
        where,
        frag(` ORDER BY x."dueAt" ASC, x."id" ASC LIMIT ?`, limit),
      ),
    ),
  ]);
  return { total, items: rows.map((r) => ({ ...r, referralBody: r.referralBody ?? "", dueAt: new Date(r.dueAt).toISOString() })) };
}

/** Distinct accounts revoked (executed, not reversed) per week, on visible cases. */
export async function accountsRevokedPerWeek(actor: Actor, weeks: Bucket[]): Promise<number[]> {
  const head = join(
    [frag(`SELECT `), bucketIndex(`x."executedAt"`, weeks), frag(` AS "week", count(DISTINCT t."accountId") AS "n" FROM "ActionTarget" t JOIN "Action" x ON x."id" = t."actionId" JOIN "Case" c ON c."id" = x."caseId"`)],
    "",
  );
  const where = [
    frag(`t."accountId" IS NOT NULL`),
    frag(`CAST(x."type" AS TEXT) = 'ACCESS_REVOCATION'`),
    frag(`CAST(x."status" AS TEXT) IN ('EXECUTED', 'VERIFIED')`),
    frag(`x."executedAt" >= ?`, weeks[0].from),
    frag(`x."executedAt" < ?`, weeks[weeks.length - 1].to),
    ...visibleCasesSql(actor),
  ];
  const rows = await queryRows<{ week: number | bigint; n: number | bigint }>(withWhere(head, where, frag(` GROUP BY 1`)));
  const out = weeks.map(() => 0);
  for (const r of rows) if (Number(r.week) >= 0) out[Number(r.week)] = Number(r.n);
  return out;
}
