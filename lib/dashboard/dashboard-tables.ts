// Each chart of the dashboard as a table: the accessible fallback under the chart and the CSV
// download (GET /api/v1/dashboard/charts/{chart}) are the same rows.
import type { CellValue } from "@/lib/csv/csv-cells";
import type { Dashboard } from "@/lib/dashboard/get-dashboard";
import type { DashboardChart } from "@/lib/dashboard/dashboard-schemas";

export type ChartTable = { title: string; columns: string[]; rows: CellValue[][]; hrefs: (string | null)[] };

const SEVERITY_COLUMNS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

export function chartTable(d: Dashboard, chart: DashboardChart): ChartTable {
  switch (chart) {
    case "tiles":
      return { title: "At a glance", columns: ["figure", "value"], rows: d.tiles.map((t) => [t.label, t.value]), hrefs: d.tiles.map((t) => t.href) };
    case "cases-by-status":
      return {
        title: "Cases by status and severity",
        columns: ["status", ...SEVERITY_COLUMNS, "total"],
        rows: d.casesByStatus.map((s) => [s.status, ...s.bySeverity.map((f) => f.value), s.total]),
        hrefs: d.casesByStatus.map(() => null),
      };
    case "opened-closed":
      return {
        title: "Opened and closed per week",
        columns: ["week starting", "opened", "closed"],
        rows: d.openedClosed.map((w) => [w.week, w.opened.value, w.closed.value]),
        hrefs: d.openedClosed.map((w) => w.opened.href),
      };
    case "open-case-age":
      return { title: "Age of open cases", columns: ["age", "open cases"], rows: d.openCaseAge.map((f) => [f.label, f.value]), hrefs: d.openCaseAge.map((f) => f.href) };
    case "open-cases-per-lead":
      return { title: "Open cases per lead", columns: ["lead", "open cases"], rows: d.openCasesPerLead.map((f) => [f.label, f.value]), hrefs: d.openCasesPerLead.map((f) => f.href) };
    case "revocations":
      return { title: "Access revocations by state", columns: ["state", "revocations"], rows: d.revocations.byStatus.map((f) => [f.label, f.value]), hrefs: d.revocations.byStatus.map((f) => f.href) };
    case "reviews":
      return { title: "National-security reviews by state", columns: ["state", "reviews"], rows: d.reviews.byStatus.map((f) => [f.label, f.value]), hrefs: d.reviews.byStatus.map((f) => f.href) };
    case "overdue-reviews":
      return {
        title: "Overdue reviews",
        columns: ["case", "referral body", "state", "due"],
        rows: d.reviews.overdue.items.map((r) => [r.caseNumber, r.referralBody, r.status, r.dueAt]),
        hrefs: d.reviews.overdue.items.map((r) => r.href),
      };
    case "accounts-revoked":
      return {
        title: "Accounts revoked per week",
        columns: ["week starting", "accounts revoked"],
        rows: (d.accountsRevoked ?? []).map((w) => [w.week, w.value]),
        hrefs: (d.accountsRevoked ?? []).map((w) => w.href),
      };
  }
}
