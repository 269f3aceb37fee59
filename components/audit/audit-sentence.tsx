// An audit event's sentence, with its case number as a link to the case.
import Link from "next/link";
import type { AuditEventView } from "@/lib/audit/list-audit-events";

export function AuditSentence({ e }: { e: AuditEventView }) {
  const at = e.caseNumber ? e.summary.indexOf(e.caseNumber) : -1;
  if (!e.caseNumber || at < 0) return <span className="[overflow-wrap:anywhere]">{e.summary}</span>;
  return (
    <span className="[overflow-wrap:anywhere]">
      {e.summary.slice(0, at)}
      <Link href={`/cases/${e.caseNumber}`} className="font-medium text-blue-700 hover:underline">{e.caseNumber}</Link>
      {e.summary.slice(at + e.caseNumber.length)}
    </span>
  );
}
