// An account's usage across the cases the viewer may see (only completed, non-replaced ingest
// runs): the same charts as a case view, stacked by case, and the drill-down to its log lines.
import type { Actor, RequestContext } from "@/lib/access/actor";
import { assertAccountRead, requireAccount } from "@/lib/accounts/account-access";
import { appendAuditEvent } from "@/lib/audit/append-audit-event";
import { auditContextOf } from "@/lib/audit/audit-context";
import { db } from "@/lib/db/client";
import { getCharts, type Charts } from "@/lib/distillation-views/case-distillation-views";
import { getSampleLines, type SampleLinePage } from "@/lib/distillation-views/sample-lines";
import { ZAccountSampleQuery } from "@/lib/distillation-views/view-schemas";
import type { ViewScope } from "@/lib/distillation-views/view-scope";
import { parseInput } from "@/lib/validation";

export const TOP_CASES = 6;

/** null charts: no completed run on a visible case has a row of this account. */
export type AccountDistillationViews = { accountId: string; charts: Charts | null };

export async function getAccountDistillationViews(actor: Actor, idOrExternalId: string): Promise<AccountDistillationViews> {
  assertAccountRead(actor);
  const account = await requireAccount(db(), idOrExternalId);
  const scope: ViewScope = { kind: "account", accountId: account.id, actor };
  const charts = await getCharts(db(), scope, TOP_CASES);
  return { accountId: account.id, charts: charts.totals.requests > 0 ? charts : null };
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
