// An account's usage across the cases the viewer may see (only completed, non-replaced ingest
// runs): the same charts as a case view, stacked by case, and the drill-down to its log lines.
// Prompt text (the top templates, the log lines) is an audited read.
import type { RequestContext } from "@/lib/access/actor";
import { assertAccountRead, requireAccount } from "@/lib/accounts/account-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db, type Tx } from "@/lib/db/client";
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
  return auditedAccountRead(ctx, idOrExternalId, "distillation.templates.view", async (tx, scope) => {
    const templates = await getTopPromptTemplates(tx, scope, TOP_TEMPLATES);
    return { result: templates, changes: templatesReadChanges(templates) };
  });
}

/** One page of the account's log lines on the visible cases; an audited read. */
export async function getAccountSampleLines(ctx: RequestContext, idOrExternalId: string, query: unknown): Promise<SampleLinePage> {
  assertAccountRead(ctx.actor);
  const q = parseInput(ZAccountSampleQuery, query);
  return auditedAccountRead(ctx, idOrExternalId, "distillation.samples.view", async (tx, scope) => {
    const page = await getSampleLines(tx, scope, q);
    return { result: page, changes: { page: { after: q.page }, lines: { after: page.items.length } } };
  });
}

/**
 * A read of prompt text on the visible cases of one account: the account looked up, read and
 * audited in one transaction, so the event is written exactly when the text was read.
 */
async function auditedAccountRead<T>(
  ctx: RequestContext,
  idOrExternalId: string,
  action: "distillation.templates.view" | "distillation.samples.view",
  read: (tx: Tx, scope: ViewScope) => Promise<{ result: T; changes: Record<string, unknown> }>,
): Promise<T> {
  assertAccountRead(ctx.actor);
  return db().$transaction(async (tx) => {
    const account = await requireAccount(tx, idOrExternalId);
    const { result, changes } = await read(tx, { kind: "account", accountId: account.id, actor: ctx.actor });
    await appendAuditEvent(tx, auditContextOf(ctx), { action, entityType: "Account", entityId: account.id, changes });
    return result;
  });
}
