// An account's usage across the cases the viewer may see (only completed, non-replaced ingest
// runs): the same charts as a case view, stacked by case, and the drill-down to its log lines.
// Prompt text (the top templates, the log lines) is an audited read.
import type { RequestContext } from "@/lib/access/actor";
import { assertAccountRead, requireAccount } from "@/lib/accounts/account-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { getChartFigures, templatesReadChanges, TOP_TEMPLATES, type Charts } from "@/lib/distillation-views/case-distillation-views";
import { getTopPromptTemplates, type PromptTemplate } from "@/lib/distillation-views/prompt-templates";
import { getSampleLines, type SampleLinePage } from "@/lib/distillation-views/sample-lines";
import { ZAccountSampleQuery } from "@/lib/distillation-views/view-schemas";
import type { ViewScope } from "@/lib/distillation-views/view-scope";
import { parseInput } from "@/lib/validation";

export const TOP_CASES = 6;

/** null charts: no completed run on a visible case has a row of this account. */
export type AccountDistillationViews = { accountId: string; charts: Charts | null };

export async function getAccountDistillationViews(ctx: RequestContext, idOrExternalId: string): Promise<AccountDistillationViews> {
  assertAccountRead(ctx.actor);
  const account = await requireAccount(db(), idOrExternalId);
  const scope: ViewScope = { kind: "account", accountId: account.id, actor: ctx.actor };
  const figures = await getChartFigures(db(), scope, TOP_CASES);
  if (figures.totals.requests === 0) return { accountId: account.id, charts: null };
  return { accountId: account.id, charts: { ...figures, templates: await getAccountPromptTemplates(ctx, account.id) } };
}

/** The account's most used prompt templates on the visible cases (text cut short); an audited read. */
export async function getAccountPromptTemplates(ctx: RequestContext, idOrExternalId: string): Promise<PromptTemplate[]> {
  assertAccountRead(ctx.actor);
  return db().$transaction(async (tx) => {
    const account = await requireAccount(tx, idOrExternalId);
    const templates = await getTopPromptTemplates(tx, { kind: "account", accountId: account.id, actor: ctx.actor }, TOP_TEMPLATES);
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "distillation.templates.view",
      entityType: "Account",
      entityId: account.id,
      changes: templatesReadChanges(templates),
    });
    return templates;
  });
}

/** One page of the account's log lines on the visible cases; an audited read. */
export async function getAccountSampleLines(ctx: RequestContext, idOrExternalId: string, query: unknown): Promise<SampleLinePage> {
  assertAccountRead(ctx.actor);
  const q = parseInput(ZAccountSampleQuery, query);
  return db().$transaction(async (tx) => {
    const account = await requireAccount(tx, idOrExternalId);
    const page = await getSampleLines(tx, { kind: "account", accountId: account.id, actor: ctx.actor }, q);
    await appendAuditEvent(tx, auditContextOf(ctx), {
      action: "distillation.samples.view",
      entityType: "Account",
      entityId: account.id,
      changes: { page: { after: q.page }, lines: { after: page.items.length } },
    });
    return page;
  });
}
