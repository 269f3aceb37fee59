// The facts of a case, as a description list.
import type { ReactNode } from "react";
import { Badge } from "@/components/badge";
import { formatDate, formatDateTime, isOverdue } from "@/components/format";
import { Panel } from "@/components/panel";
import { label } from "@/lib/cases/case-status";
import type { CaseDetail, UserRef } from "@/lib/cases/case-view";

const none = <span className="text-slate-500">—</span>;
const person = (u: UserRef) => <span title={u.email}>{u.name}</span>;

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1.5">
      <dt className="text-slate-500">{term}</dt>
      <dd className="col-span-2">{children}</dd>
    </div>
  );
}

export function CaseFields({ c }: { c: CaseDetail }) {
  const overdue = isOverdue(c.dueAt, c.status);
  return (
    <Panel title="Details" id="case-details">
      <dl className="divide-y divide-slate-100 text-sm">
        <Row term="Lead">{c.lead ? person(c.lead) : <span className="text-slate-500">Unassigned</span>}</Row>
        <Row term="Members">
          {c.members.length ? (
            <ul className="flex flex-wrap gap-x-3 gap-y-1">{c.members.map((m) => <li key={m.id}>{person(m)}</li>)}</ul>
          ) : none}
        </Row>
        <Row term="Tags">
          {c.tags.length ? <span className="flex flex-wrap gap-1">{c.tags.map((t) => <Badge key={t}>{t}</Badge>)}</span> : none}
        </Row>
        <Row term="Due date">
          {c.dueAt ? (
            <span className={overdue ? "font-medium text-red-700" : undefined}>
              {formatDate(c.dueAt)} {overdue && <Badge tone="red">Overdue</Badge>}
            </span>
          ) : none}
        </Row>
        <Row term="Resolution">{c.resolution ? label(c.resolution) : none}</Row>
        <Row term="Created by">{person(c.createdBy)}</Row>
        <Row term="Created">{formatDateTime(c.createdAt)}</Row>
        <Row term="Updated">{formatDateTime(c.updatedAt)}</Row>
        {c.closedAt && <Row term="Closed">{formatDateTime(c.closedAt)}</Row>}
      </dl>
    </Panel>
  );
}
