// The account page's "API usage" section: the account's requests over time stacked by case, token
// volume, hour-by-weekday grid and prompt templates, over the completed ingests of the cases the
// viewer may see; its log lines on request (an audited read).
import Link from "next/link";
import { ActivityCharts } from "@/components/distillation/activity-charts";
import { HourWeekdayHeatmap } from "@/components/distillation/hour-weekday-heatmap";
import { PromptTemplatesTable } from "@/components/distillation/prompt-templates-table";
import { SampleLinesTable } from "@/components/distillation/sample-lines-table";
import { formatCount } from "@/components/format";
import { buttonClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import type { AccountDistillationViews } from "@/lib/distillation-views/account-distillation-views";
import type { SampleLinePage } from "@/lib/distillation-views/sample-lines";

type Props = { accountId: string; usage: AccountDistillationViews; lines: SampleLinePage | null };

export function AccountUsageSection({ accountId, usage, lines }: Props) {
  const charts = usage.charts;
  const basePath = `/accounts/${accountId}`;
  return (
    <section aria-labelledby="api-usage-heading" className="space-y-4">
      <h2 id="api-usage-heading" className="text-lg font-semibold">API usage</h2>
      {!charts ? (
        <p className="rounded-md border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-600">
          No completed ingest of an API log on the cases you can see has requests of this account.
        </p>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {formatCount(charts.totals.requests)} requests, {formatCount(charts.totals.promptTokens)} prompt and {formatCount(charts.totals.completionTokens)} completion
            tokens in the completed ingests of {charts.activity.series.filter((s) => !s.others).map((s) => s.label).join(", ")}. Scores are on each case&apos;s distillation page:{" "}
            {charts.activity.series.filter((s) => !s.others).map((s, i) => (
              <span key={s.key}>
                {i > 0 && ", "}
                <Link href={`/cases/${s.label}/distillation`} className="text-blue-700 underline-offset-2 hover:underline">{s.label}</Link>
              </span>
            ))}
            .
          </p>
          <ActivityCharts activity={charts.activity} seriesNoun="case" />
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
            <HourWeekdayHeatmap heatmap={charts.heatmap} />
            <PromptTemplatesTable templates={charts.templates} total={charts.totals.requests} />
          </div>
          <Panel title="Log lines" id="account-log-lines">
            {lines ? (
              <SampleLinesTable lines={lines} basePath={basePath} params={{ lines: "1" }} showCase />
            ) : (
              <Link href={`${basePath}?lines=1#account-log-lines-heading`} className={buttonClass("secondary", "sm")}>
                Show the log lines
              </Link>
            )}
          </Panel>
        </>
      )}
    </section>
  );
}
