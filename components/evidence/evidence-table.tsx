// One page of evidence items. Paging happens on the server; this renders the page's rows only.
import Link from "next/link";
import { EvidenceStateBadges } from "@/components/evidence/evidence-badges";
import { kindLabel } from "@/components/evidence/evidence-kind";
import { formatBytes, formatDateTime } from "@/components/format";
import type { EvidenceView } from "@/lib/evidence/evidence-view";
import { DataTable } from "@/components/data-table";

const th = "px-3 py-2 text-left font-medium";

type Row = EvidenceView & { caseNumber?: string };

export function EvidenceTable({ items, showCase = false }: { items: Row[]; showCase?: boolean }) {
  return (
    <DataTable caption="Evidence" shadow={false} head={
      <>
        {showCase && <th scope="col" className={th}>Case</th>}
        <th scope="col" className={th}>Title</th>
        <th scope="col" className={th}>Kind</th>
        <th scope="col" className={th}>Size</th>
        <th scope="col" className={th}>SHA-256</th>
        <th scope="col" className={th}>State</th>
        <th scope="col" className={th}>Uploaded</th>
      </>
    }>
      {items.map((e) => (
        <tr key={e.id} className={`hover:bg-slate-50 ${e.removed || e.supersededById ? "text-slate-500" : ""}`}>
          {showCase && (
            <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
              {e.caseNumber && <Link href={`/cases/${e.caseNumber}`} className="text-blue-700 hover:underline">{e.caseNumber}</Link>}
            </td>
          )}
          <td className="max-w-xs px-3 py-2">
            <Link href={`/evidence/${e.id}`} className={`font-medium text-blue-700 hover:underline [overflow-wrap:anywhere] ${e.removed ? "line-through" : ""}`}>{e.title}</Link>
            {e.originalFilename !== e.title && <span className="block truncate font-mono text-xs text-slate-500" title={e.originalFilename}>{e.originalFilename}</span>}
          </td>
          <td className="whitespace-nowrap px-3 py-2">{kindLabel(e.kind)}</td>
          <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatBytes(e.sizeBytes)}</td>
          <td className="px-3 py-2 font-mono text-xs" title={e.sha256}>{e.sha256.slice(0, 12)}…</td>
          <td className="px-3 py-2"><EvidenceStateBadges e={e} /></td>
          <td className="whitespace-nowrap px-3 py-2 text-slate-600">
            {formatDateTime(e.createdAt)}
            <span className="block text-xs">{e.uploadedBy.name}</span>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
