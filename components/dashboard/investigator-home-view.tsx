// An investigator's home page: my cases, what awaits me, what is due soon; each list links to the
// full list behind it.
import Link from "next/link";
import { ActionTypeLabel, DueBadge } from "@/components/actions/action-badges";
import { formatDate, isOverdue } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import { Panel } from "@/components/panel";
import type { ActionSummary } from "@/lib/actions/action-view";
import type { CaseSummary } from "@/lib/cases/case-view";
import type { HomeList, InvestigatorHome } from "@/lib/dashboard/investigator-home";

function More({ list, noun }: { list: HomeList<unknown>; noun: string }) {
  return (
    <Link href={list.href} className={`text-xs ${linkClass}`}>
      {list.total > list.items.length ? `All ${list.total} ${noun}` : `Open as a list (${list.total})`}
    </Link>
  );
}

function CaseItems({ list, empty }: { list: HomeList<CaseSummary>; empty: string }) {
  if (list.items.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {list.items.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5">
          <Link href={`/cases/${c.number}`} className={linkClass}>{c.number} · {c.title}</Link>
          <span className={isOverdue(c.dueAt, c.status) ? "font-semibold text-red-700" : "text-slate-600"}>
            {c.status.replace("_", " ").toLowerCase()}{c.dueAt ? ` · due ${formatDate(c.dueAt)}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ActionItems({ list, empty }: { list: HomeList<ActionSummary>; empty: string }) {
  if (list.items.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {list.items.map((a) => (
        <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5">
          <Link href={`/actions/${a.id}`} className={linkClass}><ActionTypeLabel type={a.type} /> · {a.caseNumber}</Link>
          <span className="text-slate-600">{a.status.replace("_", " ").toLowerCase()} · <DueBadge dueAt={a.dueAt} final={a.final} /></span>
        </li>
      ))}
    </ul>
  );
}

export function InvestigatorHomeView({ home }: { home: InvestigatorHome }) {
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
      <Panel title={`My cases (${home.myCases.total})`} actions={<More list={home.myCases} noun="cases" />}>
        <CaseItems list={home.myCases} empty="You are not a member of any open case." />
      </Panel>
      <Panel title="Awaiting me">
        <h3 className="mb-1 text-xs font-semibold text-slate-500">Reviews to refer or answer ({home.awaitingMe.reviews.total})</h3>
        <ActionItems list={home.awaitingMe.reviews} empty="No review waits for you." />
        <div className="mb-3 mt-1"><More list={home.awaitingMe.reviews} noun="reviews" /></div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500">Cases not yet started ({home.awaitingMe.notStarted.total})</h3>
        <CaseItems list={home.awaitingMe.notStarted} empty="Every case of yours is under way." />
        <div className="mt-1"><More list={home.awaitingMe.notStarted} noun="cases" /></div>
      </Panel>
      <Panel title="Due soon">
        <h3 className="mb-1 text-xs font-semibold text-slate-500">Cases due within 7 days or overdue ({home.dueSoon.cases.total})</h3>
        <CaseItems list={home.dueSoon.cases} empty="No case of yours is due this week." />
        <div className="mb-3 mt-1"><More list={home.dueSoon.cases} noun="cases" /></div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500">Overdue actions ({home.dueSoon.overdueActions.total})</h3>
        <ActionItems list={home.dueSoon.overdueActions} empty="Nothing overdue." />
        <div className="mb-3 mt-1"><More list={home.dueSoon.overdueActions} noun="actions" /></div>
        <h3 className="mb-1 text-xs font-semibold text-slate-500">Actions due within 7 days ({home.dueSoon.actionsDueSoon.total})</h3>
        <ActionItems list={home.dueSoon.actionsDueSoon} empty="No action is due this week." />
        <div className="mt-1"><More list={home.dueSoon.actionsDueSoon} noun="actions" /></div>
      </Panel>
    </div>
  );
}
