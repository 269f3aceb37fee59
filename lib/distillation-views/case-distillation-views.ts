// Everything the case's distillation page draws, computed in the database from the rows of the
// case's completed, non-replaced ingest runs (view-scope.ts): requests and tokens over time, the
// hour-by-weekday grid, the top prompt templates, and the log sources behind them. The ranked
// account table comes from lib/distillation (the score); the drill-down to log lines is
// getCaseSampleLines, an audited read.
import type { Actor, RequestContext } from "@/lib/access/actor";
import { requireCase } from "@/lib/access/case-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { getActivityOverTime, type ActivityOverTime } from "@/lib/distillation-views/activity-over-time";
import { listCompletedRuns, listPendingLogs, type LogSource, type PendingLog } from "@/lib/distillation-views/completed-runs";
import { getHourWeekdayHeatmap, type HourWeekdayHeatmap } from "@/lib/distillation-views/hour-weekday-heatmap";
import { getTopPromptTemplates, type PromptTemplate } from "@/lib/distillation-views/prompt-templates";
import { getSampleLines, type SampleLinePage } from "@/lib/distillation-views/sample-lines";
import { ZSampleLinesQuery } from "@/lib/distillation-views/view-schemas";
import { num, queryOn, scopeWhere, type ViewScope } from "@/lib/distillation-views/view-scope";
import { frag, join } from "@/lib/db/sql-fragment";
import type { Tx } from "@/lib/db/client";
import { parseInput } from "@/lib/validation";

export const TOP_ACCOUNTS = 8;
export const TOP_TEMPLATES = 10;

export type ViewTotals = { requests: number; accounts: number; promptTokens: number; completionTokens: number };

export type Charts = { totals: ViewTotals; activity: ActivityOverTime; heatmap: HourWeekdayHeatmap; templates: PromptTemplate[] };

export type CaseDistillationViews = {
  case: { id: string; number: string };
  sources: LogSource[];
  pending: PendingLog[];
  /** null while the case has no completed run. */
  charts: Charts | null;
};

export async function getCaseDistillationViews(actor: Actor, caseIdOrNumber: string): Promise<CaseDistillationViews> {
  const c = await requireCase(db(), actor, caseIdOrNumber, "read");
  const sources = await listCompletedRuns(db(), c.id);
  const pending = await listPendingLogs(db(), c.id, new Set(sources.map((s) => s.evidenceId)));
  const charts = sources.length > 0 ? await getCharts(db(), { kind: "case", caseId: c.id }, TOP_ACCOUNTS) : null;
  return { case: { id: c.id, number: c.number }, sources, pending, charts };
}

export async function getCharts(client: Tx, scope: ViewScope, topSeries: number): Promise<Charts> {
  const [totals, activity, heatmap, templates] = await Promise.all([
    getTotals(client, scope),
    getActivityOverTime(client, scope, topSeries),
    getHourWeekdayHeatmap(client, scope),
    getTopPromptTemplates(client, scope, TOP_TEMPLATES),
  ]);
  return { totals, activity, heatmap, templates };
}

async function getTotals(client: Tx, scope: ViewScope): Promise<ViewTotals> {
  const [r] = await queryOn<Record<string, unknown>>(
    client,
    join(
      [
        frag(`SELECT COUNT(*) AS "requests", COUNT(DISTINCT a."accountId") AS "accounts", SUM(a."promptTokens") AS "pt", SUM(a."completionTokens") AS "ct" FROM "ApiRequest" a WHERE `),
        scopeWhere(scope),
      ],
      "",
    ),
  );
  return { requests: num(r.requests), accounts: num(r.accounts), promptTokens: num(r.pt), completionTokens: num(r.ct) };
}

/** One page of an account's log lines on the case (with their line numbers in the source file).
 *  Reading raw log rows is a sensitive read: an audit event in the same transaction. */
export async function getCaseSampleLines(ctx: RequestContext, caseIdOrNumber: string, query: unknown): Promise<SampleLinePage & { accountId: string; externalId: string }> {
  const q = parseInput(ZSampleLinesQuery, query);
  return db().$transaction(async (tx) => {
    const c = await requireCase(tx, ctx.actor, caseIdOrNumber, "read");
    const account = await tx.account.findUnique({ where: { id: q.account }, select: { id: true, externalId: true } });
    if (!account) throw notFound("Account not found");
    const page = await getSampleLines(tx, { kind: "case", caseId: c.id, accountId: account.id }, q);
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "distillation.samples.view",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      changes: { accountId: { after: account.id }, page: { after: q.page }, lines: { after: page.items.length } },
    });
    return { ...page, accountId: account.id, externalId: account.externalId };
  });
}
