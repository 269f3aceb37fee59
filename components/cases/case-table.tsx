// One page of cases. Only the page's rows are rendered; sorting and paging happen on the server.
import Link from "next/link";
import { Badge, SeverityBadge, StatusBadge } from "@/components/badge";
import { SortHeader } from "@/components/cases/sort-header";
import { formatDate, formatDateTime, isOverdue } from "@/components/format";
import type { CaseSummary } from "@/lib/cases/case-view";
import { DataTable } from "@/components/data-table";

const th = "px-3 py-2 text-left font-medium";

export function CaseTable({ items, params }: { items: CaseSummary[]; params: Record<string, string> }) {
  return (
    <DataTable caption="Cases" head={
      <>
        <SortHeader label="Number" sortKey="created" params={params} />
        <th scope="col" className={th}>Title</th>
        <th scope="col" className={th}>Status</th>
        <SortHeader label="Severity" sortKey="severity" params={params} />
        <th scope="col" className={th}>Lead</th>
        <th scope="col" className={th}>Tags</th>
        <SortHeader label="Due" sortKey="due" params={params} firstOrder="asc" />
        <SortHeader label="Updated" sortKey="updated" params={params} />
      </>
    }>
      {items.map((c) => {
        const overdue = isOverdue(c.dueAt, c.status);
        return (
          <tr key={c.id} className="hover:bg-slate-50">
            <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
              <Link href={`/cases/${c.number}`} className="text-blue-700 hover:underline">{c.number}</Link>
            </td>
            <td className="max-w-md px-3 py-2">
              <span className="line-clamp-2 [overflow-wrap:anywhere]">{c.title}</span>
              {c.restricted && <Badge tone="red">Restricted</Badge>}
            </td>
            <td className="px-3 py-2"><StatusBadge status={c.status} /></td>
            <td className="px-3 py-2"><SeverityBadge severity={c.severity} /></td>
            <td className="whitespace-nowrap px-3 py-2">{c.lead?.name ?? <span className="text-slate-500">Unassigned</span>}</td>
            <td className="px-3 py-2">
              <span className="flex flex-wrap gap-1">{c.tags.map((t) => <Badge key={t}>{t}</Badge>)}</span>
            </td>
            <td className={`whitespace-nowrap px-3 py-2 ${overdue ? "font-medium text-red-700" : ""}`}>
              {formatDate(c.dueAt)}
              {overdue && <span className="ml-1 text-xs">(overdue)</span>}
            </td>
            <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatDateTime(c.updatedAt)}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
