// One page of audit events, newest first: one sentence each, the before/after as a small table.
// Readers of the whole chain (ADMIN, AUDITOR) also see the sequence number, address and request id,
// and events they may not read as withheld rows in their place (decision 0020).
import { AuditChanges, hasChanges } from "@/components/audit/audit-changes";
import { AuditSentence } from "@/components/audit/audit-sentence";
import { formatAddress, formatDateTime } from "@/components/format";
import type { AuditEntry } from "@/lib/audit/list-audit-events";
import { DataTable } from "@/components/data-table";

const th = "px-3 py-2 text-left font-medium";
const td = "px-3 py-2 align-top";

const short = (id: string) => (id.length > 10 ? `${id.slice(0, 8)}…` : id);

export function AuditTable({ items, chain }: { items: AuditEntry[]; chain: boolean }) {
  const head = chain ? ["Seq", "Time", "Event", "Changes", "IP", "Request ID"] : ["Time", "Event", "Changes"];
  return (
    <DataTable caption="Audit events" head={<>{head.map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</>}>
      {items.map((e, i) =>
        e.kind === "withheld" ? (
          <tr key={`w${e.seq}`} data-withheld className="bg-slate-50">
            <td className={`${td} font-mono text-xs`}>{e.seq}</td>
            <td className={`${td} whitespace-nowrap`}>{formatDateTime(e.at)}</td>
            <td className={`${td} italic text-slate-600`} colSpan={4}>{e.summary}</td>
          </tr>
        ) : (
          <tr key={e.seq ?? `${e.at}-${i}`}>
            {chain && <td className={`${td} font-mono text-xs`}>{e.seq}</td>}
            <td className={`${td} whitespace-nowrap`}>{formatDateTime(e.at)}</td>
            <td className={`${td} min-w-48 max-w-md`}>
              <AuditSentence e={e} />
              <span className="block font-mono text-xs text-slate-600">{e.action}</span>
            </td>
            <td className={`${td} min-w-48 max-w-md`}>
              {hasChanges(e.changes) ? <AuditChanges changes={e.changes} people={e.people} /> : <span className="text-slate-600">—</span>}
            </td>
            {chain && <td className={`${td} font-mono text-xs`}>{formatAddress(e.ip) ?? "—"}</td>}
            {chain && <td className={`${td} font-mono text-xs`} title={e.requestId ?? undefined}>{e.requestId ? short(e.requestId) : "—"}</td>}
          </tr>
        ),
      )}
    </DataTable>
  );
}
