// Everything the case's distillation page draws, computed in the database from the rows of the
// case's completed, non-replaced ingest runs (view-scope.ts): requests and tokens over time, the
// hour-by-weekday grid, the top prompt templates, and the log sources behind them. The ranked
// account table comes from lib/distillation (the score). Two reads show prompt text and are
// audited in the transaction that reads them (decision 0016): the top templates (text cut short)
// and the drill-down to log lines (getCaseSampleLines).
import type { RequestContext } from "@/lib/access/actor";
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

/** The figures without prompt text (not audited). */
export type ChartFigures = { totals: ViewTotals; activity: ActivityOverTime; heatmap: HourWeekdayHeatmap };
/** The figures and the top prompt templates (an audited read). */
export type Charts = ChartFigures & { templates: PromptTemplate[] };

export type CaseDistillationViews = {
  case: { id: string; number: string };
  sources: LogSource[];
  pending: PendingLog[];
  /** null while the case has no completed run. */
  charts: Charts | null;
};

/** The case page's views. The top templates show prompt text: that part is read by
 *  getCasePromptTemplates, audited. */
export async function getCaseDistillationViews(ctx: RequestContext, caseIdOrNumber: string): Promise<CaseDistillationViews> {
  const c = await requireCase(db(), ctx.actor, caseIdOrNumber, "read");
  const sources = await listCompletedRuns(db(), c.id);
  const pending = await listPendingLogs(db(), c.id, new Set(sources.map((s) => s.evidenceId)));
  if (sources.length === 0) return { case: { id: c.id, number: c.number }, sources, pending, charts: null };
  const figures = await getChartFigures(db(), { kind: "case", caseId: c.id }, TOP_ACCOUNTS);
  const templates = await getCasePromptTemplates(ctx, c.id);
  return { case: { id: c.id, number: c.number }, sources, pending, charts: { ...figures, templates } };
}

export async function getChartFigures(client: Tx, scope: ViewScope, topSeries: number): Promise<ChartFigures> {
  const [totals, activity, heatmap] = await Promise.all([getTotals(client, scope), getActivityOverTime(client, scope, topSeries), getHourWeekdayHeatmap(client, scope)]);
  return { totals, activity, heatmap };
}

/** The case's most used prompt templates, their text cut to TEMPLATE_TEXT_CHARS (withheld text
 *  as its hash). Prompt text is a sensitive read: access checked and an audit event written in
 *  the transaction that reads it. */
export async function getCasePromptTemplates(ctx: RequestContext, caseIdOrNumber: string): Promise<PromptTemplate[]> {
  return db().$transaction(async (tx) => {
    const c = await requireCase(tx, ctx.actor, caseIdOrNumber, "read");
    const templates = await getTopPromptTemplates(tx, { kind: "case", caseId: c.id }, TOP_TEMPLATES);
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "distillation.templates.view",
      entityType: "Case",
      entityId: c.id,
      caseId: c.id,
      changes: templatesReadChanges(templates),
    });
    return templates;
  });
}

/** What an audit event of a template read records: how many were shown, how many with text. */
export function templatesReadChanges(templates: PromptTemplate[]) {
  return { templates: { after: templates.length }, withText: { after: templates.filter((t) => !t.withheld).length } };
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
