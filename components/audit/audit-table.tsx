// One page of audit events, newest first. Changes are shown as compact JSON behind a disclosure.
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import type { AuditEventView } from "@/lib/audit/list-audit-events";
import { DataTable } from "@/components/data-table";

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2 align-top";

function changedFields(changes: unknown): string {
  if (!changes || typeof changes !== "object") return "—";
  const keys = Object.keys(changes);
  if (!keys.length) return "—";
  return keys.length > 3 ? `${keys.slice(0, 3).join(", ")} +${keys.length - 3}` : keys.join(", ");
}

const short = (id: string) => (id.length > 10 ? `${id.slice(0, 8)}…` : id);

export function AuditTable({ items }: { items: AuditEventView[] }) {
  return (
    <DataTable caption="Audit events" head={
      <>
        {["Seq", "Time", "Actor", "Action", "Entity", "Case", "Changes", "IP", "Request ID"].map((h) => (
          <th key={h} scope="col" className={th}>{h}</th>
        ))}
      </>
    }>
      {items.map((e) => (
        <tr key={e.seq}>
          <td className={`${td} font-mono text-xs`}>{e.seq}</td>
          <td className={`${td} whitespace-nowrap`}>{formatDateTime(e.at)}</td>
          <td className={td}>{e.actorEmail ?? e.actorId ?? "system"}</td>
          <td className={`${td} font-mono text-xs`}>{e.action}</td>
          <td className={`${td} whitespace-nowrap`}>
            {e.entityType}
            {e.entityId && <span className="ml-1 font-mono text-xs text-slate-500" title={e.entityId}>{short(e.entityId)}</span>}
          </td>
          <td className={`${td} font-mono text-xs`}>
            {e.caseId ? <Link href={`/cases/${e.caseId}`} title={e.caseId} className="text-blue-700 hover:underline">{short(e.caseId)}</Link> : "—"}
          </td>
          <td className={`${td} max-w-xs`}>
            {e.changes && typeof e.changes === "object" && Object.keys(e.changes).length ? (
              <details>
                <summary className="cursor-pointer text-slate-700">{changedFields(e.changes)}</summary>
                <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify(e.changes)}</pre>
              </details>
            ) : (
              <span className="text-slate-400">—</span>
            )}
          </td>
          <td className={`${td} font-mono text-xs`}>{e.ip ?? "—"}</td>
          <td className={`${td} font-mono text-xs`} title={e.requestId ?? undefined}>{e.requestId ? short(e.requestId) : "—"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
