// An investigator's home: "my cases" (open cases they are a member of), "awaiting me" (reviews on
// those cases waiting for them to refer or answer, and their cases not yet started) and "due soon"
// (cases and actions on their cases due within 7 days, overdue ones included). Read through the
// case and action lists themselves, so each section's link shows exactly its items.
import type { Actor } from "@/lib/access/actor";
import { listActions } from "@/lib/actions/list-actions";
import type { ActionSummary } from "@/lib/actions/action-view";
import { listCases } from "@/lib/cases/list-cases";
import type { CaseSummary } from "@/lib/cases/case-view";
import { href, OPEN_STATUSES } from "@/lib/dashboard/dashboard-links";

const DAY = 24 * 60 * 60 * 1000;
const SHOWN = 10;

export type HomeList<T> = { items: T[]; total: number; href: string };
export type InvestigatorHome = {
  myCases: HomeList<CaseSummary>;
  awaitingMe: { reviews: HomeList<ActionSummary>; notStarted: HomeList<CaseSummary> };
  dueSoon: { cases: HomeList<CaseSummary>; overdueActions: HomeList<ActionSummary>; actionsDueSoon: HomeList<ActionSummary> };
};

export async function getInvestigatorHome(actor: Actor, now = new Date()): Promise<InvestigatorHome> {
  const mine = { member: actor.id };
  const open = OPEN_STATUSES.join(",");
  const q = {
    myCases: { ...mine, status: open, sort: "due", order: "asc" },
    notStarted: { ...mine, status: "OPEN", sort: "created", order: "asc" },
    dueCases: { ...mine, status: open, dueBefore: new Date(now.getTime() + 7 * DAY).toISOString(), sort: "due", order: "asc" },
    reviews: { ...mine, type: "NATIONAL_SECURITY_REVIEW", status: "DRAFT,INFO_REQUESTED" },
    overdue: { ...mine, queue: "overdue" },
    dueSoon: { ...mine, queue: "due-soon" },
  };
  const page = { pageSize: String(SHOWN) };
  const [myCases, notStarted, dueCases, reviews, overdue, dueSoon] = await Promise.all([
    listCases(actor, { ...q.myCases, ...page }),
    listCases(actor, { ...q.notStarted, ...page }),
    listCases(actor, { ...q.dueCases, ...page }),
    listActions(actor, { ...q.reviews, ...page }),
    listActions(actor, { ...q.overdue, ...page }),
    listActions(actor, { ...q.dueSoon, ...page }),
  ]);
  const list = <T>(p: { items: T[]; total: number }, base: string, params: Record<string, string>): HomeList<T> => ({ items: p.items, total: p.total, href: href(base, params) });
  return {
    myCases: list(myCases, "/cases", q.myCases),
    awaitingMe: { reviews: list(reviews, "/actions", q.reviews), notStarted: list(notStarted, "/cases", q.notStarted) },
    dueSoon: { cases: list(dueCases, "/cases", q.dueCases), overdueActions: list(overdue, "/actions", q.overdue), actionsDueSoon: list(dueSoon, "/actions", q.dueSoon) },
  };
}
