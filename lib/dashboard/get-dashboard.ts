// The dashboard: tiles and charts for one viewer, every figure counted in SQL over what that viewer
// may see (visibleCasesSql, the same rule as the case list), each with the link to the list behind it.
import type { Actor } from "@/lib/access/actor";
import { can } from "@/lib/access/permissions";
import { accountListConditions } from "@/lib/accounts/list-accounts";
import { queryCount } from "@/lib/db/query-rows";
import { frag, withWhere } from "@/lib/db/sql-fragment";
import { parseInput } from "@/lib/validation";
import { accountsRevokedPerWeek, actionsByTypeAndStatus, medianSecondsToExecution, overdueReviews, type OverdueReview } from "@/lib/dashboard/action-figures";
import { caseGroups, caseQuery, casesByTime, closedPerWeek, leadNames } from "@/lib/dashboard/case-figures";
import {
  actionsHref, casesHref, closedCasesHref, FLAGGED_RISK_SCORE, flaggedAccountsHref, OPEN_STATUSES, revokedAccountsHref,
} from "@/lib/dashboard/dashboard-links";
import { ageBuckets, intersect, monthStart, weeksOf, type Range } from "@/lib/dashboard/dashboard-periods";
import { ZDashboardQuery } from "@/lib/dashboard/dashboard-schemas";
import { SEVERITIES, CASE_STATUSES } from "@/lib/cases/case-schemas";

export type Figure = { label: string; value: number; href: string | null };
export type TileKey = "openCases" | "criticalOpen" | "overdueReviews" | "revocationsAwaitingApproval" | "accountsRevokedThisMonth" | "flaggedNotOnRevocation";

export type Dashboard = {
  generatedAt: string;
  filters: { from: string | null; to: string | null; severity: string[]; tag: string | null; leadId: string | null };
  tiles: (Figure & { key: TileKey })[];
  casesByStatus: { status: string; total: number; bySeverity: Figure[] }[];
  openedClosed: { week: string; opened: Figure; closed: Figure }[];
  openCaseAge: Figure[];
  openCasesPerLead: (Figure & { leadId: string | null })[];
  revocations: { byStatus: Figure[]; medianHoursToExecution: number | null; executed: number };
  reviews: { byStatus: Figure[]; overdue: { total: number; items: (OverdueReview & { href: string })[] } };
  accountsRevoked: ({ week: string } & Figure)[] | null;
};

export const REVOCATION_STATES = ["PROPOSED", "APPROVED", "EXECUTED", "VERIFIED", "REJECTED", "REVERSED"] as const;
export const REVIEW_STATES = ["DRAFT", "REFERRED", "UNDER_REVIEW", "INFO_REQUESTED", "CONCLUDED"] as const;

export async function getDashboard(actor: Actor, query: unknown, now = new Date()): Promise<Dashboard> {
  const f = parseInput(ZDashboardQuery, query);
  const period: Range = { from: f.from, to: f.to };
  const weeks = weeksOf(period, now);
  const ages = ageBuckets(now);
  const weeksRange: Range = { from: weeks[0].from, to: weeks[weeks.length - 1].to };
  const readsAccounts = can(actor.role, "account:read");
  const month: Range = { from: monthStart(now), to: undefined };
  const base = caseQuery(f, period);

  const [groups, byTime, closed, actions, median, overdue, revokedWeeks, revokedThisMonth, flagged] = await Promise.all([
    caseGroups(actor, base),
    casesByTime(actor, base, ages, weeks),
    // Closings need no status condition: closedAt is set only while a case is CLOSED.
    closedPerWeek(actor, caseQuery(f, {}, { closedFrom: weeksRange.from, closedTo: weeksRange.to }), weeks),
    actionsByTypeAndStatus(actor, base, period),
    medianSecondsToExecution(actor, base, period),
    overdueReviews(actor, base, period, now),
    readsAccounts ? accountsRevokedPerWeek(actor, weeks) : Promise.resolve(null),
    readsAccounts ? countDashboardAccounts(actor, { revokedFrom: month.from }) : Promise.resolve(null),
    readsAccounts ? countDashboardAccounts(actor, { riskMin: FLAGGED_RISK_SCORE, status: ["ACTIVE", "SUSPENDED"], onRevocation: false }) : Promise.resolve(null),
  ]);
  const byType = (type: string) => new Map([...actions].filter(([k]) => k.startsWith(`${type} `)).map(([k, n]) => [k.slice(type.length + 1), n]));
  const revocations = byType("ACCESS_REVOCATION");
  const reviews = byType("NATIONAL_SECURITY_REVIEW");

  const open = groups.filter((g) => g.status !== "CLOSED");
  const sum = (rows: { n: number }[]) => rows.reduce((s, r) => s + r.n, 0);
  const openStatus = OPEN_STATUSES.join(",");
  const names = await leadNames([...new Set(open.map((g) => g.leadId).filter((id): id is string => id !== null))]);
  const perLead = new Map<string | null, number>();
  for (const g of open) perLead.set(g.leadId, (perLead.get(g.leadId) ?? 0) + g.n);

  // A severity the filter leaves out counts 0 and links nowhere (its list would not be empty).
  const severityHref = (severity: string, more: Record<string, string>) =>
    f.severity && !f.severity.includes(severity as never) ? null : casesHref({ ...f, severity: [severity as never] }, period, more);
  const stateFigures = (type: string, states: readonly string[], counts: Map<string, number>): Figure[] =>
    states.map((s) => ({ label: s, value: counts.get(s) ?? 0, href: actionsHref(f, period, { type, status: s }) }));

  return {
    generatedAt: now.toISOString(),
    filters: { from: f.from?.toISOString() ?? null, to: f.to?.toISOString() ?? null, severity: f.severity ?? [], tag: f.tag ?? null, leadId: f.leadId ?? null },
    tiles: [
      { key: "openCases", label: "Open cases", value: sum(open), href: casesHref(f, period, { status: openStatus }) },
      { key: "criticalOpen", label: "Critical open", value: sum(open.filter((g) => g.severity === "CRITICAL")), href: severityHref("CRITICAL", { status: openStatus }) },
      { key: "overdueReviews", label: "Overdue reviews", value: overdue.total, href: actionsHref(f, period, { queue: "overdue", type: "NATIONAL_SECURITY_REVIEW" }) },
      { key: "revocationsAwaitingApproval", label: "Revocations awaiting approval", value: revocations.get("PROPOSED") ?? 0, href: actionsHref(f, period, { type: "ACCESS_REVOCATION", status: "PROPOSED" }) },
      ...(revokedThisMonth === null || flagged === null
        ? []
        : [
            { key: "accountsRevokedThisMonth" as const, label: "Accounts revoked this month", value: revokedThisMonth, href: revokedAccountsHref(month) },
            { key: "flaggedNotOnRevocation" as const, label: "Flagged accounts not yet on a revocation", value: flagged, href: flaggedAccountsHref() },
          ]),
    ],
    casesByStatus: CASE_STATUSES.map((status) => {
      const rows = groups.filter((g) => g.status === status);
      return {
        status,
        total: sum(rows),
        bySeverity: SEVERITIES.map((severity) => ({
          label: severity,
          value: sum(rows.filter((g) => g.severity === severity)),
          href: severityHref(severity, { status }),
        })),
      };
    }),
    openedClosed: weeks.map((w, i) => ({
      week: w.label,
      opened: { label: "Opened", value: byTime.openedByWeek[i], href: casesHref(f, w) },
      closed: { label: "Closed", value: closed[i], href: closedCasesHref(f, w) },
    })),
    openCaseAge: ages.map((b, i) => ({ label: b.label, value: byTime.openByAge[i], href: casesHref(f, intersect(period, b), { status: openStatus }) })),
    openCasesPerLead: [...perLead.entries()]
      .map(([leadId, value]) => ({
        leadId,
        label: leadId === null ? "No lead" : (names.get(leadId) ?? leadId),
        value,
        href: casesHref({ ...f, leadId: leadId ?? "none" }, period, { status: openStatus }),
      }))
      .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label)),
    revocations: {
      byStatus: stateFigures("ACCESS_REVOCATION", REVOCATION_STATES, revocations),
      medianHoursToExecution: median.median === null ? null : Math.round((median.median / 3600) * 10) / 10,
      executed: median.executed,
    },
    reviews: {
      byStatus: stateFigures("NATIONAL_SECURITY_REVIEW", REVIEW_STATES, reviews),
      overdue: { total: overdue.total, items: overdue.items.map((r) => ({ ...r, href: `/actions/${r.id}` })) },
    },
    accountsRevoked: revokedWeeks && weeks.map((w, i) => ({ week: w.label, label: w.label, value: revokedWeeks[i], href: revokedAccountsHref(w) })),
  };
}

export function countDashboardAccounts(actor: Actor, q: Parameters<typeof accountListConditions>[1]): Promise<number> {
  return queryCount(withWhere(frag(`SELECT count(*) AS "n" FROM "Account" a`), accountListConditions(actor, q), frag("")));
}
