// Per-account aggregates of a case's request rows: one streaming pass (aggregate-builder.ts). The
// inter-arrival gaps need each account's rows in time order; a log ingested in file order is read
// in that order, and when it is not (over 1 % of rows out of order) one SQL window query over the
// (caseId, accountId, ts) index measures them instead.
// Only rows of the given runs count: the case's COMPLETED, not replaced ingest runs.
import { db, dbProvider } from "@/lib/db/client";
import { render, type Fragment } from "@/lib/db/sql-fragment";
import { AggregateBuilder, GAP_CAP_SECONDS, MIN_GAP_SECONDS, type AccountAggregate, type PromptOverlap, type SharedValue } from "@/lib/distillation/aggregate-builder";
import { secondsForDifferences } from "@/lib/db/dialect";
import { forEachRequestRow } from "@/lib/distillation/distillation-dialect";
import { collectGarbage } from "@/lib/jobs/heap-guard";

export type { AccountAggregate, PromptOverlap, SharedValue };


export type CaseAggregates = { aggregates: AccountAggregate[]; shared: SharedValue[]; overlaps: PromptOverlap[] };

function scope(caseId: string, runIds: readonly string[], allRunsOfCase: boolean): Fragment {
  if (allRunsOfCase) return { text: `r."caseId" = ?`, params: [caseId] };
  return { text: `r."caseId" = ? AND r."runId" IN (${runIds.map(() => "?").join(", ")})`, params: [caseId, ...runIds] };
}

/** Inter-arrival gaps per account: count, sum and sum of squares (seconds, capped). */
async function loadGaps(where: Fragment): Promise<{ accountId: string; gaps: unknown; s: unknown; ss: unknown; ls: unknown; lss: unknown }[]> {
  const ts = secondsForDifferences(`r."ts"`);
  const f: Fragment = {
    text:
      `SELECT "accountId", count(g) AS gaps, sum(g) AS s, sum(g * g) AS ss, sum(ln(lg)) AS ls, sum(ln(lg) * ln(lg)) AS lss FROM (` +
      `SELECT "accountId", g, CASE WHEN g < ${MIN_GAP_SECONDS} THEN ${MIN_GAP_SECONDS} ELSE g END AS lg FROM (` +
      `SELECT "accountId", CASE WHEN t - prev > ${GAP_CAP_SECONDS} THEN ${GAP_CAP_SECONDS} ELSE t - prev END AS g FROM (` +
      `SELECT r."accountId" AS "accountId", ${ts} AS t, lag(${ts}) OVER (PARTITION BY r."accountId" ORDER BY r."ts") AS prev FROM "ApiRequest" r WHERE ${where.text}` +
      `) w WHERE prev IS NOT NULL) x) y GROUP BY "accountId"`,
    params: where.params,
  };
  return db().$queryRawUnsafe(...render(f, dbProvider()));
}

/**
 * Everything the indicators need, for the case's rows of `runIds`. `allRunsOfCase`: no other run of
 * the case has rows, so the case id alone selects them (and the timing query reads only the index).
 */
export async function loadCaseAggregates(
  caseId: string,
  runIds: readonly string[],
  phrases: readonly string[],
  allRunsOfCase: boolean,
  promptMaxAccounts: (accountCount: number) => number,
): Promise<CaseAggregates> {
  if (runIds.length === 0) return { aggregates: [], shared: [], overlaps: [] };
  // Start on a collected heap: the server's worker runs the refresh right after the ingest run
  // whose end enqueued it, and that run's uncollected garbage (up to its heap guard's 32 MiB)
  // would otherwise sit under this pass's peak (decision 0030). One full collection, ~0.1 s.
  collectGarbage();
  const builder = new AggregateBuilder(phrases);
  await forEachRequestRow(caseId, runIds, allRunsOfCase, (row) => builder.add(row));
  const result = builder.finish(promptMaxAccounts);
  if (!builder.outOfOrder()) return result;
  const byId = new Map(result.aggregates.map((a) => [a.accountId, a]));
  for (const g of await loadGaps(scope(caseId, runIds, allRunsOfCase))) {
    const a = byId.get(String(g.accountId));
    if (!a) continue;
    a.gaps = Number(g.gaps ?? 0);
    a.gapSum = Number(g.s ?? 0);
    a.gapSquares = Number(g.ss ?? 0);
    a.gapLogSum = Number(g.ls ?? 0);
    a.gapLogSquares = Number(g.lss ?? 0);
  }
  return result;
}
