// Where each figure of the dashboard leads: the list behind it (cases, actions, accounts) with
// the query parameters those lists validate (their zod schemas). The dashboard counts through
// the same list conditions, so a figure and the total of the list it links to agree.
import type { Range } from "@/lib/dashboard/dashboard-periods";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-schemas";

export const OPEN_STATUSES = ["OPEN", "ACTIVE", "ON_HOLD", "IN_REVIEW"] as const;
/** An account with at least this risk score counts as flagged (see decision 0018); one already
 *  REVOKED in the registry is never "not yet on a revocation". */
export const FLAGGED_RISK_SCORE = 70;

type Params = Record<string, string | undefined>;

export function href(base: string, params: Params): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") qs.set(k, v);
  const s = qs.toString();
  return s ? `${base}?${s}` : base;
}

const iso = (d: Date | undefined) => d?.toISOString();

/** The case filters of the dashboard as case-list parameters. */
export function caseFilterParams(f: DashboardFilters): Params {
  return { severity: f.severity?.join(","), tag: f.tag, leadId: f.leadId };
}

export function casesHref(f: DashboardFilters, opened: Range, more: Params = {}): string {
  return href("/cases", { ...caseFilterParams(f), createdFrom: iso(opened.from), createdTo: iso(opened.to), ...more });
}

export function closedCasesHref(f: DashboardFilters, closed: Range): string {
  return href("/cases", { ...caseFilterParams(f), status: "CLOSED", closedFrom: iso(closed.from), closedTo: iso(closed.to) });
}

export function actionsHref(f: DashboardFilters, created: Range, more: Params): string {
  return href("/actions", { ...caseFilterParams(f), createdFrom: iso(created.from), createdTo: iso(created.to), ...more });
}

export function revokedAccountsHref(revoked: Range): string {
  return href("/accounts", { revokedFrom: iso(revoked.from), revokedTo: iso(revoked.to) });
}

export function flaggedAccountsHref(): string {
  return href("/accounts", { riskMin: String(FLAGGED_RISK_SCORE), status: "ACTIVE,SUSPENDED", onRevocation: "false", sort: "risk" });
}
