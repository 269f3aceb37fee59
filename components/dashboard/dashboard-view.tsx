// The dashboard (the home page of managers, admins and auditors, and /dashboard for everyone): tiles
// and charts of what the viewer may see, drawn from lib/dashboard's counts.
import type { ReactNode } from "react";
import Link from "next/link";
import { BarChart, type ChartRow, type ChartSeries } from "@/components/dashboard/bar-chart";
import { ChartPanel } from "@/components/dashboard/chart-panel";
import { DASHBOARD_QUERY_KEYS, DashboardFilters } from "@/components/dashboard/dashboard-filters";
import { StatTiles } from "@/components/dashboard/stat-tiles";
import { formatDate } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import { isQueryError, orQueryError } from "@/components/page-errors";
import { QueryErrorAlert } from "@/components/query-error-alert";
import { href } from "@/lib/dashboard/dashboard-links";
import { chartTable } from "@/lib/dashboard/dashboard-tables";
import type { DashboardChart } from "@/lib/dashboard/dashboard-schemas";
import { getDashboard, type Dashboard, type Figure } from "@/lib/dashboard/get-dashboard";
import type { Actor } from "@/lib/access/actor";
import { listAssignableUsers } from "@/lib/users/users";

const SEVERITY_SERIES: ChartSeries[] = [
  { key: "LOW", label: "Low", color: "#94a3b8" },
  { key: "MEDIUM", label: "Medium", color: "#3b82f6" },
  { key: "HIGH", label: "High", color: "#f59e0b" },
  { key: "CRITICAL", label: "Critical", color: "#b91c1c" },
];
const one = (key: string, label: string, color = "#334155"): ChartSeries[] => [{ key, label, color }];
const rowsOf = (figures: Figure[], key: string): ChartRow[] => figures.map((f) => ({ label: f.label, values: { [key]: f.value }, hrefs: { [key]: f.href } }));
const allZero = (rows: ChartRow[]) => rows.every((r) => Object.values(r.values).every((v) => v === 0));

type Props = { actor: Actor; basePath: string; params: Record<string, string> };

export async function DashboardView({ actor, basePath, params }: Props) {
  const [d, leads] = await Promise.all([orQueryError(getDashboard(actor, params)), listAssignableUsers()]);
  const filters = Object.fromEntries(DASHBOARD_QUERY_KEYS.filter((k) => params[k]).map((k) => [k, params[k]]));
  return (
    <>
      <DashboardFilters basePath={basePath} params={params} leads={leads} />
      {isQueryError(d) ? <QueryErrorAlert message={d.error} resetHref={basePath} /> : <Charts d={d} filters={filters} />}
    </>
  );
}

function Charts({ d, filters }: { d: Dashboard; filters: Record<string, string> }) {
  const csv = (chart: DashboardChart) => href(`/api/v1/dashboard/charts/${chart}`, filters);
  const panel = (chart: DashboardChart, rows: ChartRow[], chartEl: ReactNode, emptyText: string, note?: ReactNode) => (
    <ChartPanel id={`chart-${chart}`} table={chartTable(d, chart)} csvHref={csv(chart)} empty={allZero(rows)} emptyText={emptyText} note={note}>
      {chartEl}
    </ChartPanel>
  );
  const byStatus: ChartRow[] = d.casesByStatus.map((s) => ({
    label: s.status,
    values: Object.fromEntries(s.bySeverity.map((f) => [f.label, f.value])),
    hrefs: Object.fromEntries(s.bySeverity.map((f) => [f.label, f.href])),
  }));
  const weeks: ChartRow[] = d.openedClosed.map((w) => ({ label: w.week, values: { opened: w.opened.value, closed: w.closed.value }, hrefs: { opened: w.opened.href, closed: w.closed.href } }));
  const age = rowsOf(d.openCaseAge, "open");
  const perLead = rowsOf(d.openCasesPerLead.slice(0, 15), "open");
  const revocations = rowsOf(d.revocations.byStatus, "count");
  const reviews = rowsOf(d.reviews.byStatus, "count");
  const revoked = d.accountsRevoked && rowsOf(d.accountsRevoked, "accounts");
  const median = d.revocations.medianHoursToExecution;
  return (
    <>
      <StatTiles tiles={d.tiles} />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        {panel("cases-by-status", byStatus, <BarChart title="Cases by status and severity" rows={byStatus} series={SEVERITY_SERIES} stacked />, "No cases match these filters.")}
        {panel("opened-closed", weeks, <BarChart title="Opened and closed per week" rows={weeks} series={[{ key: "opened", label: "Opened", color: "#2563eb" }, { key: "closed", label: "Closed", color: "#16a34a" }]} shortLabels />, "No case was opened or closed in these weeks.")}
        {panel("open-case-age", age, <BarChart title="Age of open cases" rows={age} series={one("open", "Open cases")} />, "No open cases.")}
        {panel("open-cases-per-lead", perLead, <BarChart title="Open cases per lead" rows={perLead} series={one("open", "Open cases", "#0f766e")} layout="vertical" height={Math.max(160, perLead.length * 28)} />, "No open cases.")}
        {panel(
          "revocations", revocations,
          <BarChart title="Access revocations by state" rows={revocations} series={one("count", "Revocations", "#7c3aed")} />,
          "No access revocations yet.",
          <>Median time from proposal to execution: <strong>{median === null ? "none executed" : `${median} h`}</strong>{median !== null && ` (${d.revocations.executed} executed)`}</>,
        )}
        {panel("reviews", reviews, <BarChart title="National-security reviews by state" rows={reviews} series={one("count", "Reviews", "#c2410c")} />, "No national-security reviews yet.")}
        <OverdueReviews d={d} csvHref={csv("overdue-reviews")} />
        {revoked && panel("accounts-revoked", revoked, <BarChart title="Accounts revoked per week" rows={revoked} series={one("accounts", "Accounts revoked", "#be123c")} shortLabels />, "No account was revoked in these weeks.")}
      </div>
      <p className="mt-4 text-xs text-slate-500">
        Counted {formatDate(d.generatedAt)} over the cases you can see{d.filters.from || d.filters.to ? ", opened in the period chosen" : ""}. Account figures follow the revocations of cases you can see; the case filters do not narrow them.
      </p>
    </>
  );
}

function OverdueReviews({ d, csvHref }: { d: Dashboard; csvHref: string }) {
  const { total, items } = d.reviews.overdue;
  return (
    <section aria-labelledby="overdue-title" className="min-w-0 rounded-md border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 id="overdue-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600">Overdue reviews ({total})</h2>
        <a href={csvHref} download className="text-xs text-slate-600 hover:underline" aria-label="Download “Overdue reviews” as CSV">CSV</a>
      </div>
      {items.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 px-3 py-6 text-center text-sm text-slate-500">No review is past its due date.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {items.map((r) => (
            <li key={r.id} className="flex flex-wrap justify-between gap-2 py-1.5">
              <Link href={r.href} className={linkClass}>{r.caseNumber} · {r.referralBody || "review"}</Link>
              <span className="font-semibold text-red-700">due {formatDate(r.dueAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
