// One page of accounts; sorting and paging happen on the server.
import Link from "next/link";
import { AccountStatusBadge, RiskBadge } from "@/components/accounts/account-badges";
import { SortHeader } from "@/components/cases/sort-header";
import { DataTable } from "@/components/data-table";
import { formatDateTime } from "@/components/format";
import type { AccountSummary } from "@/lib/accounts/account-view";

const th = "px-3 py-2 text-left font-medium";

export function AccountTable({ items, params }: { items: AccountSummary[]; params: Record<string, string> }) {
  const sort = (label: string, key: string, firstOrder: "asc" | "desc" = "asc") => (
    <SortHeader label={label} sortKey={key} params={params} firstOrder={firstOrder} basePath="/accounts" />
  );
  return (
    <DataTable caption="Accounts" head={
      <>
        {sort("External id", "externalId")}
        {sort("Name", "name")}
        <th scope="col" className={th}>Status</th>
        {sort("Risk", "risk", "desc")}
        {sort("Organization", "organization")}
        <th scope="col" className={th}>Country</th>
        <th scope="col" className={th}>Attributes</th>
        <th scope="col" className={th}>Cases</th>
        {sort("Updated", "updated", "desc")}
      </>
    }>
      {items.map((a) => (
        <tr key={a.id} className="hover:bg-slate-50">
          <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
            <Link href={`/accounts/${a.id}`} className="text-blue-700 hover:underline">{a.externalId}</Link>
          </td>
          <td className="max-w-xs px-3 py-2">
            <span className="line-clamp-1">{a.displayName || <span className="text-slate-500">—</span>}</span>
            {a.emails[0] && <span className="block truncate text-xs text-slate-500">{a.emails[0]}{a.emails.length > 1 ? ` +${a.emails.length - 1}` : ""}</span>}
          </td>
          <td className="px-3 py-2"><AccountStatusBadge status={a.status} /></td>
          <td className="px-3 py-2"><RiskBadge score={a.riskScore} /></td>
          <td className="px-3 py-2">{a.organization || <span className="text-slate-500">—</span>}</td>
          <td className="px-3 py-2">{a.country ?? <span className="text-slate-500">—</span>}</td>
          <td className="px-3 py-2 tabular-nums">{a.attributeCount}</td>
          <td className="px-3 py-2 tabular-nums">{a.caseCount}</td>
          <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatDateTime(a.updatedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
