import type { Metadata } from "next";
import Link from "next/link";
import { AccountScoreTable } from "@/components/distillation/account-score-table";
import { ActivityCharts } from "@/components/distillation/activity-charts";
import { ClusterList } from "@/components/distillation/cluster-list";
import { DistillationComputing } from "@/components/distillation/distillation-computing";
import { DistillationEmptyState } from "@/components/distillation/distillation-empty-state";
import { GenerateReportButton } from "@/components/distillation/generate-report-button";
import { HourWeekdayHeatmap } from "@/components/distillation/hour-weekday-heatmap";
import { PromptTemplatesTable } from "@/components/distillation/prompt-templates-table";
import { SampleLinesTable } from "@/components/distillation/sample-lines-table";
import { SourcesSummary } from "@/components/distillation/sources-summary";
import { linkClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { orNotFound } from "@/components/page-errors";
import { Panel } from "@/components/panel";
import { positiveInt, type SearchParams } from "@/components/url";
import { decideCase, isClosedTo } from "@/lib/access/case-policy";
import { requireRequestContext } from "@/lib/auth/current-user";
import { getCase } from "@/lib/cases/get-case";
import { getCaseDistillation } from "@/lib/distillation/get-case-distillation";
import { getDistillationRefreshState } from "@/lib/distillation/refresh-distillation";
import { getCaseDistillationViews, getCaseSampleLines } from "@/lib/distillation-views/case-distillation-views";
import { generateReportAction } from "./actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

const ACCOUNTS_PAGE_SIZE = 25;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Distillation of ${(await params).id}` };
}

export default async function CaseDistillationPage({ params, searchParams }: Props) {
  const ctx = await requireRequestContext();
  const { id } = await params;
  const query = await searchParams;
  const [c, views] = await orNotFound(Promise.all([getCase(ctx.actor, id), getCaseDistillationViews(ctx, id)]));
  const basePath = `/cases/${c.number}/distillation`;
  const back = <Link href={`/cases/${c.number}`} className={linkClass}>Back to {c.number}</Link>;
  const isMember = c.members.some((m) => m.id === ctx.actor.id);
  const canReport = decideCase(ctx.actor, { restricted: c.restricted, isMember }, "addEvidence") === "allow" && !isClosedTo(c.status, "addEvidence");
  const charts = views.charts;
  if (!charts) {
    return (
      <>
        <PageHeader title={`Distillation analysis of ${c.number}`} description={<>{c.title} · {back}</>} />
        <DistillationEmptyState caseId={c.id} caseNumber={c.number} pending={views.pending} />
      </>
    );
  }
  // The charts read the rows directly, so they show while the analysis is still being computed too.
  const chartPanels = (
    <>
      <ActivityCharts activity={charts.activity} seriesNoun="account" />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <HourWeekdayHeatmap heatmap={charts.heatmap} />
        <PromptTemplatesTable templates={charts.templates} total={charts.totals.requests} />
      </div>
    </>
  );
  // Not stored yet for the current runs and parameters while a job computes it: say so and refresh,
  // rather than compute it here for seconds. With no job due or running (it ended early, or an
  // older database), the request computes it as before (decision 0016, "Computed ahead").
  const refresh = await getDistillationRefreshState(ctx.actor, views.case.id);
  if (!refresh.stored && refresh.job) {
    return (
      <>
        <PageHeader title={`Distillation analysis of ${c.number}`} description={<>{c.title} · {back}</>} />
        <div className="space-y-6">
          <DistillationComputing runs={refresh.runs} status={refresh.job.status} requestedAt={refresh.job.requestedAt} />
          {chartPanels}
        </div>
      </>
    );
  }
  // The ranked table and the clusters: lib/distillation's analysis (the GET /cases/{id}/distillation answer).
  const analysis = await getCaseDistillation(ctx.actor, views.case.id);
  const accountsPage = positiveInt(query.accountsPage);
  const selected = typeof query.account === "string" && query.account ? query.account : undefined;
  const keep: Record<string, string> = {};
  if (accountsPage > 1) keep.accountsPage = String(accountsPage);
  const lines = selected ? await orNotFound(getCaseSampleLines(ctx, c.id, { account: selected, page: String(positiveInt(query.samplesPage)) })) : null;
  const names = new Map(analysis.accounts.map((a) => [a.accountId, a.externalId]));
  return (
    <>
      <PageHeader
        title={`Distillation analysis of ${c.number}`}
        description={<>{c.title} · {back}</>}
        actions={canReport ? <GenerateReportButton caseId={c.id} action={generateReportAction} /> : undefined}
      />
      <div className="space-y-6">
        <SourcesSummary sources={views.sources} pending={views.pending} totals={charts.totals} flagged={analysis.totals.flagged} threshold={analysis.threshold} />
        <Panel title="Accounts by distillation score" id="accounts">
          <AccountScoreTable
            accounts={analysis.accounts.slice((accountsPage - 1) * ACCOUNTS_PAGE_SIZE, accountsPage * ACCOUNTS_PAGE_SIZE)}
            total={analysis.accounts.length}
            page={accountsPage}
            pageSize={ACCOUNTS_PAGE_SIZE}
            threshold={analysis.threshold}
            basePath={basePath}
            params={keep}
            selectedAccountId={selected}
          />
        </Panel>
        {lines && (
          <Panel title={`Log lines of ${lines.externalId}`} id="log-lines">
            <SampleLinesTable lines={lines} basePath={basePath} params={{ ...keep, account: lines.accountId }} />
          </Panel>
        )}
        <Panel title="Clusters">
          <ClusterList clusters={analysis.clusters} names={names} />
        </Panel>
        {chartPanels}
      </div>
    </>
  );
}
