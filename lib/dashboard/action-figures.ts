// The action side of the dashboard, in SQL over the actions of visible cases that match the case
// filters: actions by type and state, the median time from proposal to execution, the overdue
// reviews, and the accounts revoked per week. Each reads covering indexes (decision 0018).
import type { Actor } from "@/lib/access/actor";
import { visibleCasesSql } from "@/lib/access/case-access";
import { notHiddenCaseSql } from "@/lib/access/hidden-cases";
import { caseListConditions } from "@/lib/cases/list-cases";
import { epochSeconds } from "@/lib/db/dialect";
import { enumAsText, enumIn } from "@/lib/db/enum-in";
import { queryCount, queryRows } from "@/lib/db/query-rows";
import { frag, join, withWhere, type Fragment } from "@/lib/db/sql-fragment";
import { bucketIndex, type CaseFilterQuery } from "@/lib/dashboard/case-figures";
import type { Bucket, Range } from "@/lib/dashboard/dashboard-periods";

const FROM_ACTIONS = `FROM "Action" x JOIN "Case" c ON c."id" = x."caseId"`;

/** The actions `x` created in `created` on visible cases that match the case filters: FROM and
 *  WHERE. Without case filters there is no join: visibility is "not a hidden case" (hidden-cases.ts). */
function actionsOf(actor: Actor, cases: CaseFilterQuery, created: Range): { from: string; where: Fragment[] } {
  const caseFilters = caseListConditions(cases);
  const times = [...(created.from ? [frag(`x."createdAt" >= ?`, created.from)] : []), ...(created.to ? [frag(`x."createdAt" < ?`, created.to)] : [])];
  return {
    from: caseFilters.length ? FROM_ACTIONS : `FROM "Action" x`,
    where: [...times, ...notHiddenCaseSql(actor, `x."caseId"`), ...caseFilters],
  };
}

/** Counts by "TYPE STATUS". */
export async function actionsByTypeAndStatus(actor: Actor, cases: CaseFilterQuery, created: Range): Promise<Map<string, number>> {
  const { from, where } = actionsOf(actor, cases, created);
  const rows = await queryRows<{ type: string; status: string; n: number | bigint }>(
    withWhere(frag(`SELECT ${enumAsText(`x."type"`)} AS "type", ${enumAsText(`x."status"`)} AS "status", count(*) AS "n" ${from}`), where, frag(` GROUP BY 1, 2`)),
  );
  return new Map(rows.map((r) => [`${r.type} ${r.status}`, Number(r.n)]));
}

/** The median, in seconds, from proposal to execution of the executed revocations (null: none),
 *  in one pass: the middle row (odd count) or the two middle rows (even) by a window function. */
export async function medianSecondsToExecution(actor: Actor, cases: CaseFilterQuery, created: Range): Promise<{ median: number | null; executed: number }> {
  const seconds = `(${epochSeconds(`x."executedAt"`)} - ${epochSeconds(`x."createdAt"`)})`;
  const { from, where } = actionsOf(actor, cases, created);
  const inner = withWhere(
    frag(`SELECT ${seconds} AS "s", row_number() OVER (ORDER BY ${seconds}) AS "rn", count(*) OVER () AS "n" ${from}`),
    [enumIn(`x."type"`, "ActionType", ["ACCESS_REVOCATION"]), frag(`x."executedAt" IS NOT NULL`), ...where],
    frag(""),
  );
  const rows = await queryRows<{ s: number | bigint; n: number | bigint }>(
    join([frag(`SELECT "s", "n" FROM (`), inner, frag(`) m WHERE "rn" IN (("n" + 1) / 2, ("n" + 2) / 2)`)], ""),
  );
  if (rows.length === 0) return { median: null, executed: 0 };
  return { median: rows.reduce((sum, r) => sum + Number(r.s), 0) / rows.length, executed: Number(rows[0].n) };
}

export type OverdueReview = { id: string; caseNumber: string; referralBody: string; status: string; dueAt: string };

export async function overdueReviews(actor: Actor, cases: CaseFilterQuery, created: Range, now: Date, limit = 20): Promise<{ total: number; items: OverdueReview[] }> {
  // Few rows (open and past due, by the (open, dueAt) index), joined to their case for its number.
  const times = [...(created.from ? [frag(`x."createdAt" >= ?`, created.from)] : []), ...(created.to ? [frag(`x."createdAt" < ?`, created.to)] : [])];
  const where = [
    enumIn(`x."type"`, "ActionType", ["NATIONAL_SECURITY_REVIEW"]), frag(`x."open" = TRUE`), frag(`x."dueAt" < ?`, now),
    ...times, ...visibleCasesSql(actor), ...caseListConditions(cases),
  ];
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
    [frag(`SELECT `), bucketIndex(`x."executedAt"`, weeks), frag(` AS "week", count(DISTINCT t."accountId") AS "n" FROM "ActionTarget" t JOIN "Action" x ON x."id" = t."actionId"`)],
    "",
  );
  const where = [
    frag(`t."accountId" IS NOT NULL`),
    enumIn(`x."type"`, "ActionType", ["ACCESS_REVOCATION"]),
    enumIn(`x."status"`, "ActionStatus", ["EXECUTED", "VERIFIED"]),
    frag(`x."executedAt" >= ?`, weeks[0].from),
    frag(`x."executedAt" < ?`, weeks[weeks.length - 1].to),
    ...notHiddenCaseSql(actor, `x."caseId"`),
  ];
  const rows = await queryRows<{ week: number | bigint; n: number | bigint }>(withWhere(head, where, frag(` GROUP BY 1`)));
  const out = weeks.map(() => 0);
  for (const r of rows) if (Number(r.week) >= 0) out[Number(r.week)] = Number(r.n);
  return out;
}
