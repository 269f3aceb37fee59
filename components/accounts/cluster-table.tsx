// One page of clusters: accounts joined by accepted links, with their strongest reasons and cases.
import Link from "next/link";
import { CaseListInline } from "@/components/accounts/case-list-inline";
import { DataTable } from "@/components/data-table";
import { linkClass } from "@/components/form-styles";
import type { ClusterView } from "@/lib/links/link-view";

const th = "px-3 py-2 text-left font-medium";
const MEMBERS_SHOWN = 5;

export function ClusterTable({ items }: { items: ClusterView[] }) {
  return (
    <DataTable caption="Clusters" head={
      <>
        <th scope="col" className={th}>Cluster</th>
        <th scope="col" className={th}>Size</th>
        <th scope="col" className={th}>Members</th>
        <th scope="col" className={th}>Strongest reasons</th>
        <th scope="col" className={th}>Cases touched</th>
      </>
    }>
      {items.map((c) => (
        <tr key={c.id} className="align-top hover:bg-slate-50">
          <td className="whitespace-nowrap px-3 py-2">
            <Link href={`/accounts/clusters/${c.id}`} className={linkClass}>Graph of {c.members[0]?.externalId ?? c.id}…</Link>
          </td>
          <td className="px-3 py-2 tabular-nums">
            {c.size} accounts
            <span className="block text-xs text-slate-500">{c.linkCount} links</span>
          </td>
          <td className="max-w-sm px-3 py-2">
            {c.members.slice(0, MEMBERS_SHOWN).map((m, i) => (
              <span key={m.id}>
                {i > 0 && ", "}
                <Link href={`/accounts/${m.id}`} className={`${linkClass} font-mono text-xs`}>{m.externalId}</Link>
              </span>
            ))}
            {c.size > MEMBERS_SHOWN && <span className="text-xs text-slate-500"> and {c.size - MEMBERS_SHOWN} more</span>}
          </td>
          <td className="max-w-xs px-3 py-2">
            <ul className="space-y-0.5">
              {c.strongestReasons.slice(0, 3).map((r) => (
                <li key={r.reason}>
                  {r.reason} <span className="text-xs text-slate-500">({Math.round(r.confidence * 100)}%, {r.links} link{r.links === 1 ? "" : "s"})</span>
                </li>
              ))}
            </ul>
          </td>
          <td className="px-3 py-2">{c.cases.length ? <CaseListInline cases={c.cases} /> : <span className="text-slate-500">none you can see</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}
