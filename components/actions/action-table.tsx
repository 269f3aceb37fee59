import Link from "next/link";
import { ActionStatusBadge, ActionTypeLabel, DueBadge } from "@/components/actions/action-badges";
import { formatDate } from "@/components/format";
import { linkClass } from "@/components/form-styles";
import type { ActionSummary } from "@/lib/actions/action-view";

export function ActionTable({ items, showCase = true }: { items: ActionSummary[]; showCase?: boolean }) {
  return (
    <div className="overflow-x-auto">
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
        <tr>
          <th className="py-2 pr-3">Action</th>
          {showCase && <th className="py-2 pr-3">Case</th>}
          <th className="py-2 pr-3">Status</th>
          <th className="py-2 pr-3">Due</th>
          <th className="py-2 pr-3">Proposed by</th>
          <th className="py-2">Created</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id} className="border-b border-slate-100" data-action-id={a.id}>
            <td className="py-2 pr-3">
              <Link href={`/actions/${a.id}`} className={linkClass}>
                <ActionTypeLabel type={a.type} />
              </Link>
              <div className="text-xs text-slate-500">{a.title}</div>
            </td>
            {showCase && (
              <td className="py-2 pr-3">
                <Link href={`/cases/${a.caseNumber}`} className={linkClass}>{a.caseNumber}</Link>
              </td>
            )}
            <td className="py-2 pr-3"><ActionStatusBadge status={a.status} /></td>
            <td className="py-2 pr-3"><DueBadge dueAt={a.dueAt} final={a.final} /></td>
            <td className="py-2 pr-3">{a.proposedBy.name}</td>
            <td className="py-2">{formatDate(a.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
